/** Model selection: data splits. */
package dev.softclass.select;
