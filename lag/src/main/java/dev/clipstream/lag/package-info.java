/** Consumer lag monitoring: lag per partition in records, time and pipeline units, a status per group, and its CLI, metrics and web page. */
package dev.clipstream.lag;
