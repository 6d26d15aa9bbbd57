#!/bin/sh
# make demo: a running demo site on 127.0.0.1 (port 8080 unless DEMO_PORT
# says otherwise) with a public page and the areas of the shipped example
# configuration (conf/httpd-example.conf), protected by the freshly built
# module.  People sign in to the browser areas with the form (one sign-in
# for all of them) and sign out from any page; scripts may still send
# Basic; /api/ takes API tokens only.  Ctrl-C (or SIGTERM) stops it.
# make screenshots runs it too (tests/browser/screenshots.mjs).
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

# Every page says who is signed in and offers the sign-out URL the module
# hands to the site's pages (AUTHGATE_SIGNOUT_URL, through SSI); the
# public page links to signing in and out.
page() {
    cat > "$dir/www/$1" <<HTML
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$2</title></head>
<body><main><h1>$2</h1><p>$3</p>
<!--#if expr="-n v('REMOTE_USER')" -->
<p id="who">Signed in as <strong><!--#echo var="REMOTE_USER" --></strong>.
<!--#if expr="-n v('AUTHGATE_SIGNOUT_URL')" -->
<a id="signout" href="<!--#echo var="AUTHGATE_SIGNOUT_URL" -->">Sign out</a>
<!--#endif -->
</p>
<!--#endif -->
${4:-}
<p><a href="/">Home</a> · <a href="/members/">Members</a> ·
<a href="/admin/">Admin</a> · <a href="/reports/">Reports</a> ·
<a href="/team/">Team</a></p></main></body></html>
HTML
}
page index.html "mod_authgate demo" "This page is public." \
    '<p><a href="/members/">Sign in</a> (alice/wonderland, bob/builder,
carol/singer) · <a href="/members/?authgate=signout">Sign out</a></p>'
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
sed -e "s|/etc/authgate|$dir/etc|g" \
    -e 's|^AuthName .*|AuthName "mod_authgate demo"|' \
    "$top/conf/htaccess.example" > "$dir/www/team/.htaccess"
echo "AuthGateScheme Form Basic" >> "$dir/www/team/.htaccess"

# The demo's own changes to the example: the browser areas take the form
# (and Basic from scripts, which send it unasked) under one realm, so one
# sign-in opens them all and one sign-out closes them all; /api/ stays
# tokens only.  SSI fills in the pages above.
{
    cat <<CONF
<Directory "$dir/www">
    Options +Includes
    AddOutputFilter INCLUDES .html
</Directory>
CONF
    for area in members admin reports; do
        cat <<CONF
<Directory "$dir/www/$area">
    AuthName "mod_authgate demo"
    AuthGateScheme Form Basic
</Directory>
CONF
    done
} > "$dir/demo.conf"

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
LoadModule include_module $moddir/mod_include.so
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
Include "$dir/demo.conf"
CONF
sed -i '/^TransferLog/d' "$dir/httpd.conf"

base="http://127.0.0.1:$port"
cat <<EOF2

  mod_authgate demo on $base/

  area        needs                                 who gets in
  /           nothing (public)                      everyone
  /members/   role member or admin                  alice, bob
  /admin/     role admin                            alice (bob: 403)
  /reports/   role admin, from 127.0.0.1 or         alice
              192.0.2.0/24 (the office network)
  /team/      role team or admin, or user carol     alice, carol
              (rules in team/.htaccess)
  /api/       an API token (Bearer), role member    bob's token below
              or admin; no passwords

  /members/, /admin/, /reports/ and /team/ show a sign-in form (browsers)
  and take Basic from scripts (curl -u); they share one realm, so one
  sign-in opens all four. Every page links to signing out:
    $base/members/?authgate=signout   (any of the four, + ?authgate=signout)
  A 403 (bob on /admin/) offers "Sign in as someone else".

  user    password     roles
  alice   wonderland   admin (user file)
  bob     builder      member (role file)
  carol   singer       team (role file), yescrypt hash

  5 wrong passwords for one user lock that user out of /members/ and
  /admin/ from your address for 10 minutes (429; restart the demo to
  clear it).

  bob's API token (valid 30 days):
    $token

  try:  open $base/admin/ in a browser, sign in as bob, then as alice
        curl -i -u bob:builder $base/admin/
        curl -i -H "Authorization: Bearer $token" $base/api/
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
