package im.natter.testsupport.prosody;

/** An account registered on a test server, with everything a client needs to log in. */
public record TestAccount(String username, String password, String domain, String host, int port) {

    /** The bare JID, e.g. {@code alice3@localhost}. */
    public String jid() {
        return username + "@" + domain;
    }

    @Override
    public String toString() {
        return "TestAccount[" + jid() + " via " + host + ":" + port + "]";
    }
}
