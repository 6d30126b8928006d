#!/usr/bin/env bash
# Re-creates the built-in threat-intelligence snapshots and the popular-domains list of detector-service from
# packages on Debian's archive (apt-get download) and the npm registry (npm pack): nothing else is contacted.
# Independent of ./vigil. Needs bash, apt-get, dpkg, npm, python3, strings (binutils), gzip.
#   detector-service/threatintel/refresh-snapshots.sh            # writes src/main/resources/{threatintel,reputation}
# Every output file starts with comment lines naming its source, retrieval date, licence and entry count;
# src/main/resources/threatintel/PROVENANCE.md says why each source maps to its GuardDuty finding type.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
res="$here/../src/main/resources"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
today="$(date -u +%F)"
cd "$work"

echo "downloading Debian packages ..."
apt-get download -q tor python3-electrum monero webext-ublock-origin-firefox webext-privacy-badger >/dev/null
for deb in *.deb; do mkdir -p "x/${deb%%_*}" && dpkg -x "$deb" "x/${deb%%_*}"; done
debver() { dpkg-deb -f "$(ls "$1"_*.deb)" Version; }
echo "downloading npm packages ..."
npm pack --silent eth-phishing-detect@1.2.0 top-sites@1.1.222 >/dev/null
for t in *.tgz; do mkdir -p "n/${t%.tgz}" && tar xzf "$t" -C "n/${t%.tgz}"; done

strings -n 8 x/tor/usr/bin/tor > tor.strings
strings -n 6 x/monero/usr/bin/monerod > monerod.strings
ubo="$(find x/webext-ublock-origin-firefox -type d -name 'uBlock0@raymondhill.net' | head -1)"

TODAY="$today" RES="$res" UBO="$ubo" \
TOR_VER="$(debver tor)" ELECTRUM_VER="$(debver python3-electrum)" MONERO_VER="$(debver monero)" \
UBO_VER="$(debver webext-ublock-origin-firefox)" PB_VER="$(debver webext-privacy-badger)" python3 - <<'PY'
import gzip, ipaddress, json, os, re
E = os.environ
today, res, ubo = E["TODAY"], E["RES"], E["UBO"]
ti = os.path.join(res, "threatintel")
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$")

def is_ip(s):
    try:
        ipaddress.ip_network(s, strict=False)
        return True
    except ValueError:
        return False

def write(path, header, entries, gz=False):
    entries = sorted(set(entries), key=lambda e: (not is_ip(e), e))
    lines = ["# " + h for h in header] + ["# Retrieved " + today + "; " + str(len(entries)) + " entries."] + entries
    data = ("\n".join(lines) + "\n").encode()
    if gz:   # mtime 0: the same content gives the same bytes, so a refresh without news changes nothing
        with open(path, "wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as z:
            z.write(data)
    else:
        open(path, "wb").write(data)
    print(f"{os.path.relpath(path, res)}: {len(entries)} entries")
    return entries

# Tor: directory authorities and fallback directory mirrors compiled into the tor binary (auth_dirs.inc,
# fallback_dirs.inc): the nodes a Tor client contacts first.
tor = []
for line in open("tor.strings"):
    if "orport=" not in line:
        continue
    for m in re.finditer(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?", line):
        if is_ip(m.group(1)):
            tor.append(m.group(1))
    for m in re.finditer(r"ipv6=\[([0-9a-fA-F:]+)\]", line):
        tor.append(str(ipaddress.ip_address(m.group(1))))
write(os.path.join(ti, "tor-directory-relays.txt"), [
    "Tor directory authorities and fallback directory mirrors (IPv4 and IPv6), as compiled into the tor binary",
    "of Debian package tor " + E["TOR_VER"] + " (src/app/config/auth_dirs.inc, fallback_dirs.inc).",
    "Licence: BSD-3-Clause (The Tor Project), see licenses/BSD-3-Clause-tor.txt."], tor)

# Cryptocurrency: Electrum's bundled Bitcoin server list and Monero's seed nodes and DNS seeds.
servers = json.load(open(f"x/python3-electrum/usr/lib/python3/dist-packages/electrum/servers.json"))
electrum = [h.lower() for h in servers if not h.endswith(".onion") and (is_ip(h) or HOST.match(h.lower()))]
write(os.path.join(ti, "crypto-electrum-servers.txt"), [
    "Electrum (Bitcoin wallet) servers: electrum/servers.json of Debian package python3-electrum "
    + E["ELECTRUM_VER"] + ".",
    "Licence: MIT (Thomas Voegtlin and contributors), see licenses/MIT-electrum.txt. Onion addresses left out."],
    electrum)
monero = []
for line in open("monerod.strings"):
    line = line.strip()
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{1,3}){3}):1808[0-9]", line)
    if m and is_ip(m.group(1)):
        monero.append(m.group(1))
    elif re.fullmatch(r"seeds?\.[a-z0-9.-]+\.[a-z]{2,}", line):
        monero.append(line)
write(os.path.join(ti, "crypto-monero-seeds.txt"), [
    "Monero peer-to-peer seed nodes (mainnet port 18080) and DNS seed names compiled into monerod of Debian",
    "package monero " + E["MONERO_VER"] + " (src/p2p/net_node.inl). Licence: BSD-3-Clause (The Monero Project),",
    "see licenses/BSD-3-Clause-monero.txt."], monero)

# URLhaus (abuse.ch) via malware-filter's urlhaus-filter, as bundled in Debian's uBlock Origin package.
urlhaus = os.path.join(ubo, "assets/thirdparties/urlhaus-filter/urlhaus-filter-online.txt")
updated = next((l.split(":", 1)[1].strip() for l in open(urlhaus) if l.startswith("! Updated:")), "?")
hosts, ips = [], []
for line in open(urlhaus):
    line = line.strip().lower()
    if not line or line.startswith("!"):
        continue
    m = re.fullmatch(r"\|\|([^/^]+)\^\$all", line)   # the whole host is blocked
    host = m.group(1) if m else (line if "/" not in line and "^" not in line else None)
    if host is None:
        continue   # a URL path on an otherwise legitimate host (a file on a shared site): not the host
    if is_ip(host):
        ips.append(host)
    elif HOST.match(host):
        hosts.append(host)
src = ["URLhaus (abuse.ch) online malware-distribution hosts, from malware-filter's urlhaus-filter-online.txt",
       "(list updated " + updated + ") bundled in Debian package webext-ublock-origin-firefox " + E["UBO_VER"] + ".",
       "Licence: CC0-1.0 (URLhaus data and urlhaus-filter), see licenses/CC0-1.0.txt. Only entries that block a",
       "whole host are kept; URL paths on otherwise legitimate shared hosts are left out."]
driveby = write(os.path.join(ti, "driveby-urlhaus.txt"), src[:1] + ["(host names)"] + src[1:], hosts)
write(os.path.join(ti, "malicious-urlhaus-ips.txt"), src[:1] + ["(IPv4 addresses)"] + src[1:], ips)

# Phishing: MetaMask's eth-phishing-detect blacklist (npm).
cfg = json.load(open("n/eth-phishing-detect-1.2.0/package/src/config.json"))
phishing = [d.lower() for d in cfg["blacklist"] if HOST.match(d.lower())]
phishing = write(os.path.join(ti, "phishing-eth-phishing-detect.txt.gz"), [
    "Phishing domains (cryptocurrency wallets, exchanges, NFT sites): the blacklist of npm package",
    "eth-phishing-detect 1.2.0 (MetaMask, published 2024-12-09), src/config.json.",
    "Licence: DBAD 1.1 (Don't Be A Dick Public License), see licenses/DBAD-1.1.txt."], phishing, gz=True)

# Benign popular domains: the false-positive control of the reputation and DGA rules.
bad = set(phishing) | set(driveby)
popular = {}
def add(name, source):
    n = name.strip().lower().rstrip(".")
    if n.startswith("www."):
        n = n[4:]
    if HOST.match(n) and n not in bad and not n.endswith(".onion"):  # onion names never reach DNS
        popular.setdefault(n, source)
for s in json.load(open("n/top-sites-1.1.222/package/top-sites.json")):
    add(s["rootDomain"], "moz")
seed = json.load(open("x/webext-privacy-badger/usr/share/webext/privacy-badger/data/seed.json"))
for tracker, sites in seed["snitch_map"].items():
    for site in sites:
        add(site, "pb")
for d in seed["action_map"]:
    add(d, "pb")
for line in open(os.path.join(ubo, "assets/thirdparties/easylist/easylist.txt"), encoding="utf-8"):
    m = re.match(r"^([a-z0-9.,~-]+)#[@?$]*#", line)
    if m:
        for d in m.group(1).split(","):
            if not d.startswith("~"):
                add(d, "easylist")
for d in cfg["whitelist"]:
    add(d, "metamask")
hand = os.path.join(res, "behavior/benign-domains.txt")
if os.path.exists(hand):
    for line in open(hand):
        if line.strip() and not line.startswith("#"):
            add(line, "vigil")
counts = {}
for s in popular.values():
    counts[s] = counts.get(s, 0) + 1
write(os.path.join(res, "reputation/popular-domains.txt.gz"), [
    "Popular, benign domain names: the false-positive control (benign reputation) of the domain rules and the",
    "training data of the DGA model. Union of: npm top-sites 1.1.222 (Moz Top 500, MIT) " + str(counts.get("moz", 0)),
    "; Debian webext-privacy-badger " + E["PB_VER"] + " data/seed.json first-party sites and third-party domains",
    "(EFF, GPL-3.0-or-later) " + str(counts.get("pb", 0)) + "; site domains of EasyList's element-hiding rules as",
    "bundled in Debian webext-ublock-origin-firefox " + E["UBO_VER"] + " (EasyList authors, CC-BY-SA-3.0 or GPL-3.0) "
    + str(counts.get("easylist", 0)) + ";",
    "the whitelist of npm eth-phishing-detect 1.2.0 (DBAD-1.1) " + str(counts.get("metamask", 0))
    + "; names written by the Vigil team " + str(counts.get("vigil", 0)) + ".",
    "Names on the shipped phishing or URLhaus lists and Tor .onion names are left out. A leading www. is dropped."],
    popular.keys(), gz=True)
PY
echo "done; review 'git diff --stat' and update the dates and counts in threatintel/PROVENANCE.md"
