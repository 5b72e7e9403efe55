#!/usr/bin/env bash
# Starts an independent FTP server (vsftpd) for the avatar store's external tests:
# 127.0.0.1:2121, plain FTP and explicit FTPS, passive ports on loopback, a local user
# whose home (under /tmp) is the writable FTP root. Run as root; idempotent.
# Exits non-zero, with a one-line reason, when the server cannot be made to answer.
set -euo pipefail

PORT="${ROSTER_TEST_FTP_PORT:-2121}"
FTP_USER="${ROSTER_TEST_FTP_USER:-rosterftp}"
FTP_PASSWORD="${ROSTER_TEST_FTP_PASSWORD:-roster-ftp-ci-Pa55}"
BASE=/tmp/roster-ftp
HOME_DIR="$BASE/home"

fail() { echo "ftp-server.sh: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (installs vsftpd and adds a local user)"

answers() { timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT && head -c 3 <&3" 2>/dev/null | grep -q '^220'; }

if answers; then
  echo "ftp-server.sh: an FTP server already answers on 127.0.0.1:$PORT"
  exit 0
fi

if ! command -v vsftpd >/dev/null 2>&1; then
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq vsftpd >/dev/null || fail "cannot install vsftpd"
fi
command -v openssl >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null \
  || fail "cannot install openssl"

mkdir -p "$HOME_DIR" /var/run/vsftpd/empty
if ! id "$FTP_USER" >/dev/null 2>&1; then
  useradd --home-dir "$HOME_DIR" --no-create-home --shell /usr/sbin/nologin "$FTP_USER" || fail "cannot add user $FTP_USER"
fi
echo "$FTP_USER:$FTP_PASSWORD" | chpasswd || fail "cannot set the password of $FTP_USER"
chown "$FTP_USER:" "$HOME_DIR"

# A self-signed certificate for 127.0.0.1; the tests trust exactly this one.
if [ ! -s "$BASE/cert.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$BASE/key.pem" -out "$BASE/cert.pem" >/dev/null 2>&1 || fail "cannot create a TLS certificate"
  chmod 600 "$BASE/key.pem"
fi

# Plain PAM check of the local password: Debian's vsftpd service also requires a login
# shell, which this user must not have.
cat > /etc/pam.d/vsftpd-roster-test <<'PAM'
auth    required pam_unix.so
account required pam_unix.so
PAM

cat > "$BASE/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$PORT
background=YES
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
chroot_local_user=YES
allow_writeable_chroot=YES
port_enable=NO
pasv_enable=YES
pasv_address=127.0.0.1
pasv_min_port=30000
pasv_max_port=30099
secure_chroot_dir=/var/run/vsftpd/empty
pam_service_name=vsftpd-roster-test
userlist_enable=NO
seccomp_sandbox=NO
xferlog_enable=NO
ssl_enable=YES
force_local_logins_ssl=NO
force_local_data_ssl=NO
rsa_cert_file=$BASE/cert.pem
rsa_private_key_file=$BASE/key.pem
# Java's FTPS client does not resume the control connection's TLS session on data connections.
require_ssl_reuse=NO
CONF

vsftpd "$BASE/vsftpd.conf" || fail "vsftpd did not start"
for _ in $(seq 1 50); do
  if answers; then
    echo "ftp-server.sh: vsftpd answers on 127.0.0.1:$PORT (user $FTP_USER, root $HOME_DIR, certificate $BASE/cert.pem)"
    exit 0
  fi
  sleep 0.1
done
fail "vsftpd does not answer on 127.0.0.1:$PORT"
