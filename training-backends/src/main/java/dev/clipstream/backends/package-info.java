/** Simulated training backends (Dojo, Nvidia) behind an HTTP job API, and the client the dispatcher uses. */
package dev.clipstream.backends;
