/**
 * JMH benchmarks and helpers that measure Natter's real parts (the SQLite archive, the FX event bridge). Built
 * only with the Maven profile {@code bench}; results and the commands that reproduce them are in
 * {@code docs/benchmarks.md}.
 */
package im.natter.bench;
