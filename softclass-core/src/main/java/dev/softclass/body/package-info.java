/**
 * Bodies: what turns features into the vector a head reads ({@link dev.softclass.body.LinearBody}).
 */
package dev.softclass.body;
