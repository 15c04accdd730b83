package im.natter.testsupport.server;

/** The real XMPP servers the harness can run; a reliability test runs against each ({@code @EnumSource}). */
public enum ServerKind {
    PROSODY,
    EJABBERD
}
