#!/usr/bin/env bash
# Installs what the integration and UI tests need, when it is missing and we are allowed to:
# Prosody and ejabberd (the XMPP servers the tests start on loopback; Prosody with its SQLite driver and the
# prosody-modules collection for room moderation, XEP-0425), Xvfb (a display for the UI tests), fonts,
# gnome-keyring and D-Bus (a real Secret Service for the credential-store tests), openssl.
# Runs as part of the test command; prints what it does and never fails the build by itself:
# a test that lacks its tool then fails with a message naming it.
set -u

need=()
have() { command -v "$1" >/dev/null 2>&1; }
have prosody || need+=(prosody)
{ have ejabberdctl || [ -x /usr/sbin/ejabberdctl ]; } || need+=(ejabberd)
# Prosody's SQL storage (used by the long-archive tests) needs the SQLite driver for LuaDBI.
if have dpkg-query; then
  dpkg-query -W -f='${Status}' lua-dbi-sqlite3 2>/dev/null | grep -q 'install ok installed' || need+=(lua-dbi-sqlite3)
  # mod_muc_moderation (XEP-0425) for the room tests; the harness enables what it finds installed.
  dpkg-query -W -f='${Status}' prosody-modules 2>/dev/null | grep -q 'install ok installed' || need+=(prosody-modules)
fi
have Xvfb || need+=(xvfb)
have xauth || need+=(xauth)
have gnome-keyring-daemon || need+=(gnome-keyring)
have dbus-daemon || need+=(dbus)
have openssl || need+=(openssl)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# JavaFX's GTK glass needs these shared libraries even under Xvfb.
for lib in libgtk-3.so.0 libGL.so.1 libXtst.so.6; do
  ldconfig -p 2>/dev/null | grep -q "$lib" || case "$lib" in
    libgtk-3.so.0) need+=(libgtk-3-0) ;;
    libGL.so.1) need+=(libgl1) ;;
    libXtst.so.6) need+=(libxtst6) ;;
  esac
done

if [ ${#need[@]} -eq 0 ]; then
  echo "[natter] test tools present"
  exit 0
fi

echo "[natter] test tools missing: ${need[*]}"
if ! have apt-get; then
  echo "[natter] no apt-get here: install them by hand (see README.md)"
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if have sudo && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
  else
    echo "[natter] not root and no password-less sudo: install them by hand:"
    echo "         sudo apt-get install ${need[*]}"
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq || true
if "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
  echo "[natter] installed: ${need[*]}"
else
  echo "[natter] apt-get could not install: ${need[*]}"
fi
exit 0
