#!/usr/bin/env bash
# Turns a Debian bookworm box (x86-64 or 64-bit Raspberry Pi) with a screen and a USB camera
# into the kiosk of one site, or upgrades it. Run it again at will: it converges.
#
#   sudo ./deploy/install.sh --site rennes
#
# Options:
#   --site S          rennes, nancy, montpellier or saint-etienne (required)
#   --prefix DIR      where the program goes (default /opt/atelier-kiosk)
#   --camera DEV      the camera, preferably /dev/v4l/by-id/…-video-index0 (default: the only
#                     one plugged in)
#   --config FILE     a site configuration to use instead of deploy/sites/<site>.toml
#   --backup-dir DIR  where the nightly backups go: a USB disk or a network share mounted
#                     there (default /mnt/atelier-sauvegarde)
#   --listen A:P      the staff console's address (default 0.0.0.0:8443)
#   --build-dir DIR   take the programs from this CMake build instead of building
#   --root DIR        stage everything under DIR (no apt, useradd, chown or systemctl: they
#                     are printed instead)
#   --dry-run         print every action, do nothing
#   --uninstall       remove the program and its units; the data and configuration stay
#
# Upgrades: each build goes to PREFIX/releases/<content hash>; PREFIX/current points to the
# running one. Before switching, the new kioskctl migrates a copy of the database and checks
# it; then the services stop, `current` is switched, the database is backed up and migrated
# (one transaction), and the services start again. If the migration fails, `current` goes
# back to the previous release, which starts on the untouched database.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=deploy/packages.sh
. "$source_dir/deploy/packages.sh"

sites=(rennes nancy montpellier saint-etienne)
site=""
prefix=/opt/atelier-kiosk
camera=""
config_file=""
backup_dir=/mnt/atelier-sauvegarde
backup_keep=14
listen=0.0.0.0:8443
build_dir=""
root=""
dry_run=0
uninstall=0
user=kiosk
data_dir=/var/lib/atelier-kiosk
config_dir=/etc/atelier-kiosk
unit_dir=/etc/systemd/system
units=(atelier-xorg.service atelier-display.service atelier-checkin.service
       atelier-console.service atelier-sync.service atelier-backup.service atelier-backup.timer)

say() { printf '==> %s\n' "$*"; }
die() { printf 'install.sh : %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --site) site=${2:?}; shift 2 ;;
    --prefix) prefix=${2:?}; shift 2 ;;
    --camera) camera=${2:?}; shift 2 ;;
    --config) config_file=${2:?}; shift 2 ;;
    --backup-dir) backup_dir=${2:?}; shift 2 ;;
    --listen) listen=${2:?}; shift 2 ;;
    --build-dir) build_dir=${2:?}; shift 2 ;;
    --root) root=${2:?}; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage ;;
    *) printf 'install.sh : option inconnue « %s »\n' "$1" >&2; usage ;;
  esac
done

if [ -n "$root" ]; then
  [ "$dry_run" = 1 ] || mkdir -p "$root"
  [ -d "$root" ] && root=$(cd "$root" && pwd)
fi
staged=$([ -n "$root" ] && echo 1 || echo 0)

# Changes to files under the (possibly staged) root: done, or printed with --dry-run.
act() {
  if [ "$dry_run" = 1 ]; then printf '[essai] %s\n' "$*"; else "$@"; fi
}
# Changes to the system itself (packages, users, owners, services): printed with --dry-run
# and when staging under --root.
system() {
  if [ "$dry_run" = 1 ]; then printf '[essai] %s\n' "$*"
  elif [ "$staged" = 1 ]; then printf '[--root] %s\n' "$*"
  else "$@"; fi
}
# Writes standard input to a file with a mode, in one rename.
put() {
  local target=$1 mode=$2 content
  content=$(cat)
  if [ "$dry_run" = 1 ]; then printf '[essai] écrire %s (%s)\n' "$target" "$mode"; return; fi
  mkdir -p "$(dirname "$target")"
  printf '%s\n' "$content" > "$target.new"
  chmod "$mode" "$target.new"
  mv -f "$target.new" "$target"
}
service_active() { [ "$staged" = 0 ] && [ "$dry_run" = 0 ] && systemctl is-active --quiet "$1"; }

if [ "$staged" = 0 ] && [ "$dry_run" = 0 ] && [ "$(id -u)" -ne 0 ]; then
  die "à lancer en root : sudo $0 $*"
fi

if [ "$uninstall" = 1 ]; then
  say "désinstallation : le programme et ses services ; les données restent"
  system systemctl disable --now "${units[@]}" || true
  for unit in "${units[@]}"; do act rm -f "$root$unit_dir/$unit"; done
  system systemctl daemon-reload
  act rm -rf "$root$prefix"
  say "gardés : $data_dir (base, certificat de la console et sauvegardes), $config_dir (configuration)"
  exit 0
fi

[ -n "$site" ] || die "quel site ? --site ${sites[*]}"
known=0
for candidate in "${sites[@]}"; do [ "$candidate" = "$site" ] && known=1; done
[ "$known" = 1 ] || die "site inconnu « $site » (sites : ${sites[*]})"
[ -n "$config_file" ] || config_file=$source_dir/deploy/sites/$site.toml
[ -f "$config_file" ] || die "configuration introuvable : $config_file"

# The camera: the one given, else the only one plugged in. A missing one stops the install
# before anything changes; staging for another box only notes it.
if [ -n "$camera" ]; then
  [ -c "$camera" ] || die "caméra introuvable : $camera (branchée ? voir ls -l /dev/v4l/by-id/)"
else
  found=()
  for device in /dev/v4l/by-id/*-video-index0; do [ -c "$device" ] && found+=("$device"); done
  if [ ${#found[@]} -eq 1 ]; then
    camera=${found[0]}
    say "caméra : $camera"
  elif [ ${#found[@]} -gt 1 ]; then
    die "plusieurs caméras, choisissez avec --camera : ${found[*]}"
  elif [ "$staged" = 1 ]; then
    say "pas de caméra sur cette machine : la configuration garde la sienne"
  else
    die "aucune caméra branchée (/dev/v4l/by-id/ est vide) : branchez-la ou donnez --camera DEV"
  fi
fi

say "paquets Debian"
system apt-get install -y --no-install-recommends "${build_packages[@]}" "${site_packages[@]}"

if [ -z "$build_dir" ]; then
  build_dir=$source_dir/build/release
  say "compilation (Release) dans $build_dir"
  act cmake -S "$source_dir" --preset release
  act cmake --build "$build_dir" -j "$(nproc)"
fi
programs=("$build_dir/apps/kioskctl/kioskctl" "$build_dir/apps/kiosk-display/kiosk-display"
          "$build_dir/apps/kiosk-checkin/kiosk-checkin")
have_build=1
for program in "${programs[@]}"; do
  if [ ! -x "$program" ]; then
    [ "$dry_run" = 1 ] || die "programme introuvable : $program (compilation ratée ?)"
    have_build=0
  fi
done
new_kioskctl=${programs[0]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The site configuration: the one already on the box keeps its local edits; the camera found
# or given replaces its camera line. Checked by the new kioskctl before anything is written.
installed_config=$root$config_dir/site.toml
if [ -f "$installed_config" ]; then
  cp "$installed_config" "$work/site.toml"
  say "configuration existante gardée : $config_dir/site.toml"
else
  cp "$config_file" "$work/site.toml"
fi
grep -Eq "^id *= *\"$site\"" "$work/site.toml" ||
  die "la configuration ($config_dir/site.toml) est celle d'un autre site que « $site »"
if [ -n "$camera" ]; then
  grep -q '^camera *=' "$work/site.toml" ||
    die "la configuration n'a pas de ligne « camera = » sous [checkin]"
  sed -i "s|^camera *=.*|camera = \"$camera\"|" "$work/site.toml"
fi
if [ "$have_build" = 1 ]; then
  env -u KIOSK_DB -u KIOSK_CONFIG "$new_kioskctl" --config "$work/site.toml" check --config-only >/dev/null ||
    die "configuration refusée (voir ci-dessus) : rien n'a changé"
fi

# The release: named after its content, so installing the same build twice changes nothing.
if [ "$have_build" = 1 ]; then
  release=$(cat "${programs[@]}" "$source_dir/deploy/libexec/atelier-restart-delay" |
            sha256sum | cut -c1-12)
else
  release=nouvelle
fi
release_dir=$prefix/releases/$release
current_link=$root$prefix/current
previous=$(readlink "$current_link" 2>/dev/null || true)

say "utilisateur $user (groupes video, audio)"
if [ "$staged" = 1 ] || [ "$dry_run" = 1 ] || ! getent passwd "$user" >/dev/null; then
  system useradd --system --home-dir "$data_dir" --shell /usr/sbin/nologin --user-group \
    --groups video,audio "$user"
else
  system usermod -a -G video,audio "$user"
fi

say "dossiers : $data_dir, $config_dir"
act mkdir -p "$root$data_dir/sauvegardes" "$root$config_dir"
system chown -R "$user:$user" "$data_dir"
act chmod 0750 "$root$data_dir" "$root$data_dir/sauvegardes"
put "$installed_config" 0644 < "$work/site.toml"
put "$root$config_dir/kiosk.env" 0644 <<EOF
# Read by the kiosk's services (install.sh writes it; edit and restart the services).
KIOSK_DB=$data_dir/site.db
KIOSK_CONFIG=$config_dir/site.toml
KIOSK_CONSOLE_LISTEN=$listen
EOF
# The console makes its certificate beside the database and renews it there itself. One an
# earlier version made in the configuration folder moves there, key included: the same key
# keeps the pins of whoever trusts it.
if [ -f "$root$config_dir/console/cert.pem" ] && [ ! -f "$root$data_dir/console-cert.pem" ]; then
  act install -m 0644 "$root$config_dir/console/cert.pem" "$root$data_dir/console-cert.pem"
  act install -m 0600 "$root$config_dir/console/key.pem" "$root$data_dir/console-key.pem"
  system chown "$user:$user" "$data_dir/console-cert.pem" "$data_dir/console-key.pem"
fi

if [ ! -d "$root$release_dir" ]; then
  say "programme : $release_dir"
  act mkdir -p "$root$release_dir/bin" "$root$release_dir/libexec" \
    "$root$release_dir/share/atelier-kiosk"
  act install -m 0755 "${programs[@]}" "$root$release_dir/bin/"
  act install -m 0755 "$source_dir/deploy/libexec/atelier-restart-delay" "$root$release_dir/libexec/"
  act cp -r "$source_dir/assets/fonts" "$root$release_dir/share/atelier-kiosk/fonts"
  act cp -r "$source_dir/assets/console" "$root$release_dir/share/atelier-kiosk/console"
else
  say "programme déjà en place : $release_dir"
fi

# Does the new kioskctl take over the current database? Tried on a copy first: a failure
# here changes nothing and the running version keeps running.
database=$root$data_dir/site.db
if [ -f "$database" ] && [ "$have_build" = 1 ] && [ "$dry_run" = 0 ]; then
  say "essai de la nouvelle version sur une copie de la base"
  "$new_kioskctl" --db "$database" backup --to "$work/essai" --keep 1 >/dev/null ||
    die "copie de la base impossible : rien n'a changé"
  trial=$(ls "$work"/essai/site-*.db)
  "$new_kioskctl" --db "$trial" init >/dev/null &&
    "$new_kioskctl" --db "$trial" check --min-free-mb 0 --max-wal-mb 1000000 >/dev/null ||
    die "la nouvelle version ne reprend pas la base actuelle : rien n'a changé, l'ancienne version continue"
fi

say "services systemd"
for template in "$source_dir"/deploy/systemd/*.in; do
  unit=$(basename "$template" .in)
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@DATA_DIR@|$data_dir|g" -e "s|@CONFIG_DIR@|$config_dir|g" \
      -e "s|@USER@|$user|g" -e "s|@BACKUP_DIR@|$backup_dir|g" -e "s|@BACKUP_KEEP@|$backup_keep|g" \
      "$template" | put "$root$unit_dir/$unit" 0644
done
system systemctl daemon-reload

programs_running=(atelier-display.service atelier-checkin.service atelier-console.service
                  atelier-sync.service)
switch_to() {
  if [ "$dry_run" = 1 ]; then printf '[essai] %s -> %s\n' "$current_link" "$1"; return; fi
  ln -sfn "$1" "$current_link.new"
  mv -T "$current_link.new" "$current_link"
}
if [ "$previous" != "releases/$release" ]; then
  for unit in "${programs_running[@]}"; do
    if service_active "$unit"; then system systemctl stop "$unit"; fi
  done
  switch_to "releases/$release"
fi

# Back up, then migrate (one transaction): as the kiosk user, so its files stay its own.
say "base : sauvegarde puis mise à jour du schéma"
migrate=("$root$prefix/current/bin/kioskctl" --db "$database" init --backup-to "$root$data_dir/sauvegardes")
if [ "$dry_run" = 1 ]; then
  printf '[essai] %s\n' "${migrate[*]}"
elif [ "$staged" = 1 ] || runuser -u "$user" -- true 2>/dev/null; then
  status=0
  if [ "$staged" = 1 ]; then "${migrate[@]}" || status=$?; else runuser -u "$user" -- "${migrate[@]}" || status=$?; fi
  if [ "$status" -ne 0 ]; then
    if [ -n "$previous" ] && [ "$previous" != "releases/$release" ]; then
      switch_to "$previous"
      system systemctl start atelier-display.service atelier-checkin.service
      die "mise à jour annulée : la base n'a pas changé (la migration est une transaction) et la version précédente ($previous) tourne de nouveau"
    fi
    die "la base n'a pas pu être créée ou mise à jour"
  fi
fi

say "démarrage"
system systemctl disable getty@tty1.service
system systemctl enable atelier-xorg.service atelier-display.service atelier-checkin.service \
  atelier-backup.timer
system systemctl restart atelier-xorg.service atelier-display.service atelier-checkin.service
system systemctl start atelier-backup.timer
# The console needs a kioskctl that has `serve`.
if [ "$have_build" = 1 ] && "$new_kioskctl" serve --help >/dev/null 2>&1; then
  system systemctl enable atelier-console.service
  system systemctl restart atelier-console.service
else
  say "console : ce kioskctl n'a pas « serve », atelier-console reste arrêté"
fi
# The live link with the office needs a kioskctl that has `sync run`; it waits for
# `kioskctl sync join` by itself.
if [ "$have_build" = 1 ] && "$new_kioskctl" sync run --help >/dev/null 2>&1; then
  system systemctl enable atelier-sync.service
  system systemctl restart atelier-sync.service
else
  say "lien : ce kioskctl n'a pas « sync run », atelier-sync reste arrêté"
fi

# Keep the running release and the one before it, for going back by hand.
if [ -d "$root$prefix/releases" ] && [ "$dry_run" = 0 ]; then
  for old in "$root$prefix"/releases/*; do
    name=releases/$(basename "$old")
    [ "$name" = "releases/$release" ] || [ "$name" = "$previous" ] || rm -rf "$old"
  done
fi

say "fait : site $site, programme $release_dir"
cat <<EOF
    état des services : systemctl status atelier-display atelier-checkin atelier-xorg
    journal :           journalctl -u atelier-display -u atelier-checkin -b
    base :              sudo -u $user $prefix/current/bin/kioskctl --db $data_dir/site.db check
    sauvegardes :       $backup_dir (un disque USB ou un partage réseau monté là), chaque nuit
EOF
