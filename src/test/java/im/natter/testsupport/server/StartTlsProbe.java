package im.natter.testsupport.server;

import im.natter.testsupport.prosody.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Tells whether an XMPP server on loopback is really ready: it answers a stream header with stream features that
 * offer STARTTLS, which a bare TCP accept does not prove.
 */
public final class StartTlsProbe {

    private StartTlsProbe() {
    }

    public static boolean answers(int c2sPort, String domain) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FreePorts.LOOPBACK, c2sPort), 500);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client'"
                    + " xmlns:stream='http://etherx.jabber.org/streams'>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (seen.indexOf("starttls") >= 0) {
                    return true;
                }
                if (seen.indexOf("stream:error") >= 0 || seen.length() > 65536) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
