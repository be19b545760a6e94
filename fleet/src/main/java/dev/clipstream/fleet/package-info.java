/** Simulated fleet uploaders: generate realistic clips and push them to the ingest HTTP API like real vehicles. */
package dev.clipstream.fleet;
