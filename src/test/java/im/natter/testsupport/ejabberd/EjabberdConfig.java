package im.natter.testsupport.ejabberd;

import java.nio.file.Path;

/**
 * The files that make {@code ejabberdctl} use this test server only: ejabberd.yml, and an ejabberdctl.cfg,
 * inetrc and vm.args of our own, because the packaged /etc/ejabberd/ejabberdctl.cfg would silently point it at
 * the system configuration (stack facts, section 1).
 *
 * <p>{@code ERL_DIST_PORT} makes the Erlang distribution listen on one fixed loopback port without epmd, so no
 * epmd daemon is started (the packaged setup leaves one running after every stop) and nothing listens on
 * 0.0.0.0.
 */
record EjabberdConfig(Path base, String domain, int c2sPort, int distPort, String node, String cookie,
        Path certificateFile, int offlineLimit) {

    Path configDir() {
        return base.resolve("conf");
    }

    Path spoolDir() {
        return base.resolve("spool");
    }

    Path logsDir() {
        return base.resolve("logs");
    }

    Path configFile() {
        return configDir().resolve("ejabberd.yml");
    }

    String ctlConfig() {
        return """
                # Generated for one test server; /etc/ejabberd is never read.
                ERLANG_NODE=%s
                ERL_DIST_PORT=%d
                ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0 -setcookie %s -kernel inet_dist_use_interface {127,0,0,1}"
                EJABBERD_BYPASS_WARNINGS=true
                """.formatted(node, distPort, cookie);
    }

    String yaml() {
        return """
                hosts: ["%1$s"]
                loglevel: info
                certfiles: ["%2$s"]
                listen:
                  - port: %3$d
                    ip: "127.0.0.1"
                    module: ejabberd_c2s
                    starttls: true
                    starttls_required: true
                    max_stanza_size: 262144
                acl:
                  local:
                    user_regexp: ""
                access_rules:
                  local:
                    allow: local
                  register:
                    allow: all
                shaper_rules:
                  max_user_offline_messages: %4$d
                s2s_access: none
                auth_method: internal
                auth_password_format: scram
                modules:
                  mod_roster: {}
                  mod_disco: {}
                  mod_carboncopy: {}
                  mod_pubsub:
                    plugins: ["flat", "pep"]
                  mod_private: {}
                  mod_vcard: {}
                  mod_register:
                    access: register
                    ip_access: all
                  mod_mam:
                    default: always
                  mod_muc:
                    host: "conference.@HOST@"
                    access_create: all
                    default_room_options:
                      mam: true
                  mod_stream_mgmt:
                    resume_timeout: 300
                  mod_privacy: {}
                  mod_blocking: {}
                  mod_ping: {}
                  mod_client_state: {}
                  mod_caps: {}
                  mod_offline:
                    access_max_user_messages: max_user_offline_messages
                """.formatted(domain, certificateFile, c2sPort, offlineLimit);
    }
}
