/**
 * Test support: real parts for integration and UI tests.
 *
 * <ul>
 *   <li>{@code prosody.ProsodyServer} - a real Prosody on 127.0.0.1 (free ports, STARTTLS required, a per-server
 *       test CA); {@code prosody.ProsodyExtension} - one per test class with unique accounts and Smack peers;
 *       {@code prosody.DemoServer} - {@code ./mvnw -Pdemo-server}.</li>
 *   <li>{@code ejabberd.EjabberdServer} - a real ejabberd on 127.0.0.1 (own ejabberdctl files, no epmd);
 *       {@code server.XmppTestServer} - what both servers offer; {@code server.XmppServers} - one of each per test
 *       class, for {@code @ParameterizedTest @EnumSource(ServerKind.class)}.</li>
 *   <li>{@code faults.FaultProxy} - a loopback TCP proxy a test can cut, stall or slow.</li>
 *   <li>{@code headless.HeadlessNatterProcess} - Natter's core ({@code im.natter.app.HeadlessNatter}) as a child JVM
 *       driven by line commands, killable with -9 and restartable on the same archive.</li>
 *   <li>{@code display.VirtualDisplayExtension} - an Xvfb display (once per JVM) for JavaFX/TestFX tests; list it
 *       before TestFX's {@code ApplicationExtension}.</li>
 * </ul>
 *
 * Tests that use these are {@code *IT} (failsafe, {@code ./mvnw verify}). Set {@code -Dnatter.test.keepProsody=true}
 * (or {@code keepEjabberd}) to keep a server's folder (config, log, data) for diagnosis.
 */
package im.natter.testsupport;
