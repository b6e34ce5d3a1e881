/** Data: datasets in flat arrays, label encoding, and streaming readers for CSV and LIBSVM. */
package dev.softclass.data;
