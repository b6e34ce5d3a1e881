/** Training: settings, the objective, and the trainer that ties data, head and optimiser. */
package dev.softclass.train;
