#!/bin/sh
# make demo: a running demo site on 127.0.0.1 (port 8080 unless DEMO_PORT
# says otherwise) with a public page, /members/ and /admin/, protected by
# the freshly built module and the shipped example configuration.
# Ctrl-C stops it.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
port=${DEMO_PORT:-8080}
module="$top/build/mod_authgate.so"
authgate="$top/build/authgate"
moddir=/usr/lib/apache2/modules

[ -f "$module" ] && [ -x "$authgate" ] \
    || { echo "demo: build first (make build)" >&2; exit 1; }

# httpd's children run as www-data when started as root: keep the site in
# a directory they can read, not under a possibly private checkout.
dir=$(mktemp -d /tmp/authgate-demo-XXXXXX)
chmod 755 "$dir"
mkdir -p "$dir/etc" "$dir/www/members" "$dir/www/admin" "$dir/www/reports" \
         "$dir/www/team" "$dir/www/api" "$dir/logs" "$dir/run"

page() {
    cat > "$dir/www/$1" <<HTML
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>$2</title></head>
<body><main><h1>$2</h1><p>$3</p>
<p><a href="/">Home</a> · <a href="/members/">Members</a> ·
<a href="/admin/">Admin</a></p></main></body></html>
HTML
}
page index.html "mod_authgate demo" "This page is public."
page members/index.html "Members area" "Only people with the role member or admin see this."
page admin/index.html "Administration" "Only people with the role admin see this."
page reports/index.html "Reports" "Admins on the office network only."
page team/index.html "Team" "Protected by team/.htaccess."
page api/index.html "API" "Reached with an API token (Bearer)."

# Demo accounts, hashed by Apache's own htpasswd (bcrypt) and, for one of
# them, by mkpasswd (yescrypt): both formats work side by side.
users="$dir/etc/users"
htpasswd -c -b -B "$users" alice wonderland 2>/dev/null
htpasswd -b -B "$users" bob builder 2>/dev/null
echo "carol:$(printf %s singer | mkpasswd -m yescrypt --stdin)" >> "$users"
sed -i 's/^alice:.*/&:admin/' "$users"
cat > "$dir/etc/roles" <<ROLES
# ROLE: USER USER ...
member: bob
team: carol
ROLES
# An API token for bob, made by the authgate command; the secret is
# printed once and only its hash is stored.
token=$("$authgate" token issue "$dir/etc/tokens" --user bob --roles member \
        --expires 30d --id demo-bob 2>/dev/null)
chmod 644 "$users" "$dir/etc/roles" "$dir/etc/tokens"

sed -e "s|/etc/authgate|$dir/etc|g" -e "s|/srv/www|$dir/www|g" \
    "$top/conf/httpd-example.conf" > "$dir/example.conf"
sed -e "s|/etc/authgate|$dir/etc|g" "$top/conf/htaccess.example" \
    > "$dir/www/team/.htaccess"

user_lines=""
if [ "$(id -u)" -eq 0 ]; then
    user_lines="User www-data
Group www-data"
fi

cat > "$dir/httpd.conf" <<CONF
ServerRoot "$dir"
ServerName localhost
Listen 127.0.0.1:$port
LoadModule mpm_event_module $moddir/mod_mpm_event.so
LoadModule authn_core_module $moddir/mod_authn_core.so
LoadModule authz_core_module $moddir/mod_authz_core.so
LoadModule authz_user_module $moddir/mod_authz_user.so
LoadModule authz_host_module $moddir/mod_authz_host.so
LoadModule dir_module $moddir/mod_dir.so
LoadModule mime_module $moddir/mod_mime.so
LoadModule socache_shmcb_module $moddir/mod_socache_shmcb.so
LoadModule authgate_module $module
$user_lines
PidFile "$dir/run/httpd.pid"
DefaultRuntimeDir "$dir/run"
ErrorLog /dev/stderr
TransferLog /dev/stdout
LogFormat "%h %u \"%r\" %>s reason=%{AUTHGATE_REASON}e" demo
CustomLog /dev/stdout demo
TypesConfig /etc/mime.types
DirectoryIndex index.html
Include "$top/conf/authgate.conf"
Include "$dir/example.conf"
CONF
sed -i '/^TransferLog/d' "$dir/httpd.conf"

cat <<EOF2

  mod_authgate demo on http://127.0.0.1:$port/

    /            public
    /members/    role member or admin   (401 without credentials)
    /admin/      role admin             (403 for bob)
    /reports/    role admin, from the office network only
    /team/       rules in team/.htaccess
    /api/        API tokens only (Bearer), role member

  user    password     roles
  alice   wonderland   admin (user file)
  bob     builder      member (role file)
  carol   singer       team (role file), yescrypt hash

  5 wrong passwords for one user lock that user out of /members/ and
  /admin/ from your address for 10 minutes (429; restart the demo to
  clear it).

  bob's API token (valid 30 days):
    $token

  try:  curl -i -u bob:builder http://127.0.0.1:$port/admin/
        curl -i -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/
        $authgate token list $dir/etc/tokens
  files: $dir    Ctrl-C stops the server.

EOF2

cleanup() { rm -rf "$dir"; }
trap cleanup EXIT
trap 'kill -TERM "$pid" 2>/dev/null || true' INT TERM
apache2 -f "$dir/httpd.conf" -DFOREGROUND &
pid=$!
wait "$pid" || true
wait "$pid" 2>/dev/null || true
echo "demo: stopped"
