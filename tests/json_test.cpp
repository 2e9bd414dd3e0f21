#include "compliance/json.hpp"

#include "test_files.hpp"

// Tests of reading and writing compliance-registry/1 (registry-format.md).
//
// Cases named after a coverage rule (G5, C16, C18, ...) pin that rule. Format-level cases, which
// coverage-rules.md has no id for, are named after registry-format.md's "General rules":
//   F1  values: strict dates, ids, optional fields absent or null, unknown fields ignored,
//       the frameworks and policy sections;
//   F2  a refused document lists every error with its JSON pointer and line:column;
//   F3  hostile input (depth, size) is refused cleanly;
//   F4  saving: fixed order, byte-stable, atomic;
//   F5  files, streams and the JSON Schema.

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#ifndef COMPLIANCE_TEST_DATA_DIR
#error "COMPLIANCE_TEST_DATA_DIR must name tests/data"
#endif
#ifndef COMPLIANCE_SAMPLE_REGISTRY
#error "COMPLIANCE_SAMPLE_REGISTRY must name data/sample-registry.json"
#endif

namespace fs = std::filesystem;
using namespace compliance;

namespace {

const fs::path data_dir = COMPLIANCE_TEST_DATA_DIR;

using test_files::slurp;
using test_files::spit;
using test_files::temp_dir;

std::string codes(const diagnostics& d) {
  std::string s;
  for (const auto& x : d.items) s += std::string(to_string(x.code)) + " " + x.pointer + " " + x.message + "\n";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Generated registries: fixed seeds, every evidence type, every optional field sometimes set.

class generator {
public:
  /// `well_formed`: unique ids, resolvable references, known frameworks, ordered intervals, so
  /// that registry::build accepts it; otherwise anything load_data can represent.
  generator(unsigned seed, bool well_formed) : rng_(seed), well_formed_(well_formed) {}

  registry_data make(std::size_t vendors) {
    registry_data d;
    if (chance(2)) d.policy = make_policy();
    const std::size_t rows = pick(4);
    for (std::size_t k = 0; k < rows; ++k) d.frameworks.push_back(make_framework(k));
    for (const auto& f : d.frameworks) framework_ids_.push_back(f.id.str());
    for (std::size_t i = 0; i < vendors; ++i) d.vendors.push_back(make_vendor(i, vendors));
    return d;
  }

private:
  bool chance(unsigned one_in) { return std::uniform_int_distribution<unsigned>(1, one_in)(rng_) == 1; }
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n)(rng_); }
  int number(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  date day() { return date(2000, 1, 1) + boost::gregorian::days(number(0, 11322)); }
  date after(date d) { return add_days(d, number(0, 1500)); }

  std::string text() {
    static const char* const samples[] = {"Schellman & Company, LLC", "Bureau Veritas", "ü-umlaut ünïcödé",
                                          "quote \" and back\\slash", "line\nbreak\ttab", "emoji 😀",
                                          "control \x01 char", "", "slash / solidus", "ASSUMPTION: a guess"};
    std::string s = samples[pick(std::size(samples) - 1)];
    if (chance(3)) s += " " + std::to_string(number(0, 99999));
    return s;
  }
  std::optional<std::string> maybe_text() { return chance(2) ? std::optional<std::string>(text()) : std::nullopt; }
  std::optional<date> maybe_day() { return chance(2) ? std::optional<date>(day()) : std::nullopt; }
  std::vector<std::string> texts() {
    std::vector<std::string> v(pick(3));
    for (auto& s : v) s = text();
    return v;
  }
  std::optional<std::vector<std::string>> maybe_texts() {
    return chance(2) ? std::optional<std::vector<std::string>>(texts()) : std::nullopt;
  }
  std::string id(const std::string& prefix) {
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789._-";
    std::string s = prefix;
    for (std::size_t k = pick(6) + 1; k > 0; --k) s += alphabet[pick(sizeof alphabet - 2)];
    return s;
  }
  template <class E>
  E any() {
    const auto& names = detail::enum_table<E>::names;
    return names[pick(std::size(names) - 1)].first;
  }
  template <class E>
  std::optional<E> maybe() {
    return chance(2) ? std::optional<E>(any<E>()) : std::nullopt;
  }

  policy_overrides make_policy() {
    policy_overrides p;
    if (chance(2)) p.report_grace_months = number(0, 24);
    if (chance(2)) p.bridge_max_months = number(0, 6);
    if (chance(2)) p.surveillance = any<surveillance_policy>();
    if (chance(2)) p.surveillance_grace_days = number(0, 90);
    if (chance(2)) p.accept_inherited = chance(2);
    if (chance(2)) p.require_agreements = chance(2);
    return p;
  }

  framework_info make_framework(std::size_t k) {
    framework_info f;
    const auto& rows = catalog::builtin().rows();
    if (chance(2)) {
      f = rows[pick(rows.size() - 1)]; // override a built-in row: change some fields, clear some
      if (chance(2)) f.name = text();
      if (chance(3)) f.validity_months.reset();
      else if (chance(2)) f.validity_months = number(1, 36);
      if (chance(3)) f.editions.clear();
      if (chance(3)) f.requires_agreement.reset();
      if (chance(3)) f.certifiable = !f.certifiable;
      if (chance(3)) f.variants.clear();
      if (chance(3)) f.satisfies.clear();
      if (chance(3)) f.default_edition = chance(2) ? std::optional<std::string>("2019") : std::nullopt;
    } else {
      f.id = framework_id(id("custom-" + std::to_string(k) + "-"));
      f.name = text();
      f.typical = any<evidence_type>();
      f.certifiable = chance(2);
      if (chance(2)) f.validity_months = number(1, 60);
      for (std::size_t e = pick(3); e > 0; --e) {
        edition x;
        x.id = id("e");
        x.in_force_from = maybe_day();
        x.in_force_through = maybe_day();
        x.last_day = maybe_day();
        x.last_audit_day = maybe_day();
        if (chance(3)) x.requires = framework_id("iso27001");
        f.editions.push_back(x);
      }
      if (chance(3)) f.default_edition = id("e");
      for (std::size_t p = pick(3); p > 0; --p) f.programs.push_back(program{id("p"), day(), texts()});
      f.last_day = maybe_day();
      f.variants = texts();
      f.merchant_only_variants = texts();
      f.criteria = texts();
      f.implied_criteria = texts();
      for (std::size_t q = pick(2); q > 0; --q) f.satisfies.push_back(equivalence{framework_id(id("t")), chance(2)});
      if (chance(3)) f.requires = framework_id("iso27001");
      f.requires_agreement = maybe<agreement_kind>();
    }
    return f;
  }

  vendor_id vendor_ref(std::size_t from, std::size_t count) {
    // Well-formed links only point forward, so relies_on never forms a cycle (C16).
    if (well_formed_) return vendor_id("v" + std::to_string(from + 1 + pick(count - from - 2)));
    return vendor_id(id("v"));
  }

  vendor make_vendor(std::size_t i, std::size_t count) {
    vendor v;
    v.id = vendor_id(well_formed_ ? "v" + std::to_string(i) : id("v"));
    v.name = maybe_text();
    for (std::size_t k = pick(2); k > 0; --k) v.aliases.push_back(well_formed_ ? "Alias " + std::to_string(i) + "-" + std::to_string(k) : text());
    v.notes = maybe_text();
    if (!well_formed_ || i + 2 < count)
      for (std::size_t k = pick(2); k > 0; --k) v.relies_on.push_back(reliance{vendor_ref(i, count), maybe<reliance_method>(), maybe_texts()});
    for (std::size_t k = pick(2); k > 0; --k) {
      agreement a;
      a.kind = any<agreement_kind>();
      a.signed_on = day();
      if (chance(2)) a.ends = after(a.signed_on);
      v.agreements.push_back(a);
    }
    for (std::size_t k = pick(6); k > 0; --k) v.evidence.push_back(make_evidence(i, count));
    return v;
  }

  evidence make_evidence(std::size_t vendor_index, std::size_t count) {
    evidence e;
    e.id = evidence_id(well_formed_ ? "e" + std::to_string(next_evidence_++) : id("e"));
    static const char* const builtin_ids[] = {"iso27001", "iso27002", "soc2", "soc1", "pci-dss", "dpf", "hipaa", "csa-star"};
    if (well_formed_ && !framework_ids_.empty() && chance(4)) e.framework = framework_id(framework_ids_[pick(framework_ids_.size() - 1)]);
    else e.framework = framework_id(well_formed_ ? builtin_ids[pick(std::size(builtin_ids) - 1)] : id("f"));
    e.edition = maybe_text();
    if (chance(2)) e.scope = compliance::scope{maybe_texts(), maybe_texts(), maybe_texts()};
    e.source = maybe_text();
    e.notes = maybe_text();
    switch (pick(4)) {
    case 0: {
      certificate c;
      c.number = maybe_text();
      c.issuer = maybe_text();
      c.accreditation = maybe_text();
      c.first_certified = maybe_day();
      c.issued = day();
      c.expires = after(c.issued);
      if (chance(2)) {
        c.audits.emplace();
        for (std::size_t k = pick(4); k > 0; --k) c.audits->push_back(audit{any<audit_kind>(), day(), any<audit_outcome>()});
      }
      for (std::size_t k = pick(3); k > 0; --k) {
        status_event s{any<status_state>(), day(), std::nullopt};
        if (chance(2)) s.to = after(s.from);
        c.status.push_back(s);
      }
      e.details = c;
      break;
    }
    case 1: {
      report r;
      r.kind = any<report_type>();
      if (r.kind == report_type::type1 || chance(4)) r.as_of = day();
      if (r.kind == report_type::type2 || chance(4)) {
        r.period_from = day();
        r.period_to = after(*r.period_from);
      }
      r.criteria = maybe_texts();
      r.auditor = maybe_text();
      r.auditor_opinion = maybe<opinion>();
      r.issued = maybe_day();
      for (std::size_t k = pick(2); k > 0; --k) r.bridge_letters.push_back(bridge_letter{maybe_day(), day()});
      if (!well_formed_ || vendor_index + 2 < count)
        for (std::size_t k = pick(2); k > 0; --k) r.subservices.push_back(subservice{vendor_ref(vendor_index, count), maybe<reliance_method>()});
      e.details = r;
      break;
    }
    case 2: {
      self_assessment s;
      s.variant = maybe_text();
      s.completed = day();
      if (chance(2)) s.valid_until = after(s.completed);
      s.assessor = maybe_text();
      e.details = s;
      break;
    }
    case 3: {
      listing l;
      l.programs = texts();
      l.listed = day();
      l.next_due = after(l.listed);
      l.status = maybe<listing_status>();
      l.status_since = maybe_day();
      e.details = l;
      break;
    }
    default: {
      attestation a;
      a.since = day();
      if (chance(2)) a.until = after(a.since);
      a.requires_agreement = maybe<agreement_kind>();
      e.details = a;
      break;
    }
    }
    return e;
  }

  std::mt19937 rng_;
  bool well_formed_;
  std::size_t next_evidence_ = 0;
  std::vector<std::string> framework_ids_;
};

struct expected_error {
  std::string code;
  std::string pointer;
  bool operator<(const expected_error& o) const { return std::tie(code, pointer) < std::tie(o.code, o.pointer); }
  bool operator==(const expected_error& o) const { return code == o.code && pointer == o.pointer; }
};

/// tests/data/invalid/expected.tsv: file → the errors the loader must report, exactly.
std::map<std::string, std::multiset<expected_error>> read_manifest() {
  std::map<std::string, std::multiset<expected_error>> out;
  std::istringstream in(slurp(data_dir / "invalid" / "expected.tsv"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      cols.push_back(line.substr(start, tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    REQUIRE_MESSAGE(cols.size() == 4, "bad manifest line: " << line);
    out[cols[0]].insert({cols[1], cols[2] == "-" ? std::string() : cols[2]});
  }
  return out;
}

const char* const minimal_certificate = R"({
  "format": "compliance-registry/1",
  "vendors": [
    {
      "id": "acme",
      "evidence": [
        { "id": "acme-iso", "type": "certificate", "framework": "iso27001",
          "issued": "2023-01-01", "expires": "2025-12-31" }
      ]
    }
  ]
})";

} // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("G5 save then load gives an equal registry (generated data, every type and optional field)") {
  for (unsigned seed : {1u, 2u, 3u, 20240101u}) {
    CAPTURE(seed);
    const registry_data data = generator(seed, false).make(40);
    const std::string text = to_json(data);
    auto back = load_data(text);
    REQUIRE_MESSAGE(back.has_value(), codes(back.error()));
    CHECK(*back == data);
    CHECK(to_json(*back) == text); // byte-stable: same data, same bytes
    CHECK(to_json(data) == text);
  }
}

TEST_CASE("G5 a generated well-formed registry loads, and keeps the data it was saved from") {
  for (unsigned seed : {7u, 8u, 9u}) {
    CAPTURE(seed);
    const registry_data data = generator(seed, true).make(30);
    auto r = load(to_json(data));
    REQUIRE_MESSAGE(r.has_value(), codes(r.error()));
    CHECK(r->data() == data);
  }
}

TEST_CASE("G5 load checks each vendor as it reads it, and finds exactly what registry::build finds") {
  // load() validates and indexes vendors while reading; registry::build() gets them all at
  // once. Generated documents, valid and invalid alike, must give the same registry or the same
  // problems at the same pointers.
  std::size_t refused = 0, accepted = 0;
  for (unsigned seed : {11u, 12u, 13u, 14u, 15u, 16u}) {
    for (bool well_formed : {false, true}) {
      CAPTURE(seed);
      CAPTURE(well_formed);
      const registry_data data = generator(seed, well_formed).make(12);
      auto loaded = load(to_json(data));
      auto built = registry::build(data);
      REQUIRE(loaded.has_value() == built.has_value());
      ++(built ? accepted : refused);
      if (built) {
        CHECK(loaded->data() == built->data());
        for (const auto& v : data.vendors)
          for (const char* on : {"2019-06-30", "2023-01-01", "2025-12-31"})
            CHECK(loaded->is_covered(v.id.str(), parse_requirement("iso27001 | soc2"), date_from_string(on)) ==
                  built->is_covered(v.id.str(), parse_requirement("iso27001 | soc2"), date_from_string(on)));
        continue;
      }
      std::multiset<std::pair<std::string, std::string>> from_load, from_build;
      for (const auto& x : loaded.error().items) from_load.emplace(std::string(to_string(x.code)), x.pointer);
      for (const auto& x : built.error().items) from_build.emplace(std::string(to_string(x.code)), x.pointer);
      CHECK(from_load == from_build);
    }
  }
  CHECK(refused > 0);
  CHECK(accepted > 0);
}

TEST_CASE("F4 to_json writes a fixed field order with a two-space indent and omits what is absent") {
  registry_data d;
  vendor v;
  v.id = vendor_id("acme");
  v.name = "Acme";
  evidence e;
  e.id = evidence_id("acme-soc2");
  e.framework = framework_id("soc2");
  report r;
  r.kind = report_type::type2;
  r.period_from = date(2024, 1, 1);
  r.period_to = date(2024, 12, 31);
  r.criteria = std::vector<std::string>{"security", "availability"};
  e.details = r;
  e.source = "https://example.com";
  v.evidence.push_back(e);
  d.vendors.push_back(v);
  d.policy.report_grace_months = 6;
  CHECK(to_json(d) == R"({
  "format": "compliance-registry/1",
  "policy": {
    "report_grace_months": 6
  },
  "vendors": [
    {
      "id": "acme",
      "name": "Acme",
      "evidence": [
        {
          "id": "acme-soc2",
          "type": "report",
          "framework": "soc2",
          "report_type": "type2",
          "period": {
            "from": "2024-01-01",
            "to": "2024-12-31"
          },
          "criteria": ["security", "availability"],
          "source": "https://example.com"
        }
      ]
    }
  ]
}
)");
  CHECK(to_json(registry_data{}) == "{\n  \"format\": \"compliance-registry/1\",\n  \"vendors\": []\n}\n");
  CHECK(boost::json::value_from(d) == to_value(d));
}

TEST_CASE("F4 a frameworks row is saved as its differences from the built-in row") {
  framework_info pci = *catalog::builtin().find("pci-dss");
  pci.validity_months.reset();      // cleared: saved as null
  pci.name = "PCI DSS (our reading)"; // changed: saved
  framework_info custom;
  custom.id = framework_id("acme-review");
  custom.typical = evidence_type::self_assessment;
  custom.validity_months = 12;
  registry_data d;
  d.frameworks = {pci, custom};
  const std::string text = to_json(d);
  const auto doc = boost::json::parse(text);
  const auto& rows = doc.at("frameworks").as_array();
  CHECK(rows[0].as_object().size() == 3);
  CHECK(rows[0].at("name") == "PCI DSS (our reading)");
  CHECK(rows[0].at("validity_months").is_null());
  CHECK(rows[1] == boost::json::parse(R"({"id": "acme-review", "assurance": "self-assessed", "validity_months": 12})"));
  auto back = load_data(text);
  REQUIRE(back.has_value());
  CHECK(back->frameworks == d.frameworks);
}

TEST_CASE("F1 the frameworks section overrides built-in rows field by field, and adds new ones") {
  auto d = load_data(R"({"format": "compliance-registry/1", "frameworks": [
      {"id": "pci-dss", "validity_months": 6},
      {"id": "iso27001", "editions": null, "requires_agreement": "nda"},
      {"id": "acme-vendor-review", "name": "ACME annual vendor review", "assurance": "self-assessed",
       "validity_months": 12}]})");
  REQUIRE_MESSAGE(d.has_value(), codes(d.error()));
  REQUIRE(d->frameworks.size() == 3);
  framework_info pci = *catalog::builtin().find("pci-dss");
  pci.validity_months = 6;
  CHECK(d->frameworks[0] == pci); // everything else kept: editions, variants, merchant-only list
  CHECK(d->frameworks[1].editions.empty());
  CHECK(d->frameworks[1].requires_agreement == agreement_kind::nda);
  CHECK(d->frameworks[1].name == catalog::builtin().find("iso27001")->name);
  const auto& acme = d->frameworks[2];
  CHECK(acme.id == framework_id("acme-vendor-review"));
  CHECK(acme.typical == evidence_type::self_assessment); // C17: assurance names the evidence type
  CHECK(acme.validity_months == 12);
  CHECK(acme.certifiable);
  // A document's own framework is known to the registry (no unknown-framework error).
  auto r = load(R"({"format": "compliance-registry/1", "frameworks": [{"id": "acme-vendor-review"}],
      "vendors": [{"id": "acme", "evidence": [{"id": "a1", "type": "self-assessment",
      "framework": "acme-vendor-review", "completed": "2024-01-01"}]}]})");
  CHECK_MESSAGE(r.has_value(), (r ? "" : codes(r.error())));
}

TEST_CASE("F1 members in any order: frameworks, policy and format after vendors still apply to them") {
  // load() reads vendors as the parser completes them when the header comes first; a document in
  // another order must load exactly the same (it takes the two stages instead).
  const char* vendors = R"("vendors": [{"id": "acme", "evidence": [{"id": "a1", "type": "self-assessment",
      "framework": "acme-vendor-review", "completed": "2024-01-01"}]},
      {"id": "beta", "relies_on": [{"vendor": "acme"}], "evidence": []}])";
  const char* header = R"("frameworks": [{"id": "acme-vendor-review"}], "policy": {"accept_inherited": true})";
  const std::string format = R"("format": "compliance-registry/1")";
  const std::string first = "{" + format + ", " + header + ", " + vendors + "}";
  auto a = load(first);
  REQUIRE_MESSAGE(a.has_value(), (a ? "" : codes(a.error())));
  for (const std::string& other : {"{" + format + ", " + vendors + ", " + header + "}",
                                   "{" + std::string(vendors) + ", " + header + ", " + format + "}"}) {
    CAPTURE(other);
    auto b = load(other);
    REQUIRE_MESSAGE(b.has_value(), (b ? "" : codes(b.error())));
    CHECK(a->data() == b->data());
    CHECK(b->data() == load_data(other).value());
    // The policy read after the vendors governs their index: beta inherits acme's self-assessment.
    const auto req = b->parse("acme-vendor-review");
    CHECK(b->is_covered("beta", req, date(2024, 6, 1)));
  }
  // A repeated "vendors" is refused whichever copy came first.
  const std::string twice = std::string(R"({"format": "compliance-registry/1", )") + vendors + ", " + vendors + "}";
  auto c = load(twice);
  REQUIRE(!c);
  CHECK(codes(c.error()).find("duplicate-key") != std::string::npos);
}

TEST_CASE("F1 the policy section becomes the document's policy overrides") {
  auto d = load_data(R"({"format": "compliance-registry/1", "policy": {"report_grace_months": 0,
      "bridge_max_months": 3, "surveillance": "strict", "surveillance_grace_days": 14,
      "accept_inherited": true, "require_agreements": false}})");
  REQUIRE(d.has_value());
  CHECK(d->policy.report_grace_months == 0);
  CHECK(d->policy.bridge_max_months == 3);
  CHECK(d->policy.surveillance == surveillance_policy::strict);
  CHECK(d->policy.surveillance_grace_days == 14);
  CHECK(d->policy.accept_inherited == true);
  CHECK(d->policy.require_agreements == false);
  auto empty = load_data(R"({"format": "compliance-registry/1", "policy": {}})");
  REQUIRE(empty.has_value());
  CHECK(empty->policy.empty());
}

TEST_CASE("F1 optional fields may be absent or null and then mean not known") {
  auto with_nulls = load_file((data_dir / "valid" / "nulls.json").string());
  REQUIRE_MESSAGE(with_nulls.has_value(), codes(with_nulls.error()));
  const vendor v = with_nulls->data().vendors.at(0);
  CHECK(!v.name);
  CHECK(v.aliases.empty());
  const auto& c = std::get<certificate>(v.evidence.at(0).details);
  CHECK(!c.number);
  CHECK(!c.audits); // absent/null audits: surveillance not tracked (C5)
  CHECK(!v.evidence.at(0).scope);
  const auto& r = std::get<report>(v.evidence.at(1).details);
  CHECK(!r.auditor_opinion); // C9: opinion-unknown, not "unqualified"
  CHECK(!r.criteria);
  // An empty list is kept apart from an absent one: `audits: []` tracks surveillance (C5).
  auto tracked = load_data(R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "evidence": [
      {"id": "c", "type": "certificate", "framework": "iso27001", "issued": "2022-06-01",
       "expires": "2025-05-31", "audits": []}]}]})");
  REQUIRE(tracked.has_value());
  const auto& tc = std::get<certificate>(tracked->vendors[0].evidence[0].details);
  REQUIRE(tc.audits);
  CHECK(tc.audits->empty());
}

TEST_CASE("F1 unknown fields are ignored by load") {
  const std::string text = slurp(data_dir / "valid" / "unknown-fields.json");
  auto d = load_data(text);
  REQUIRE_MESSAGE(d.has_value(), codes(d.error()));
  auto doc = boost::json::parse(text);
  auto& o = doc.as_object();
  o.erase("generated_by");
  o["policy"].as_object().erase("review_cadence");
  auto& acme = o["vendors"].as_array()[0].as_object();
  acme.erase("owner");
  acme["relies_on"].as_array()[0].as_object().erase("criticality");
  auto& e = acme["evidence"].as_array()[0].as_object();
  e.erase("issuedd");
  e.erase("x-extension");
  e["scope"].as_object().erase("datacenters");
  auto plain = load_data(boost::json::serialize(doc));
  REQUIRE(plain.has_value());
  CHECK(*d == *plain);
}

TEST_CASE("F1 escaped strings and keys read as what they spell, however long") {
  // Unescaped strings are read in place; escaped ones are decoded, and a long one reaches the
  // loader in parts. A key spelled with escapes is the same key.
  const std::string long_notes = std::string(70000, 'x') + "\\\"" + std::string(70000, 'y') + "\\u00e9";
  const std::string text = R"({"format": "compliance-registry/1", "vendors": [{"i\u0064": "acme",
      "name": "Acme \"Cloud\" \\ \u00e9\u4e2d\ud83d\ude00", "notes": ")" + long_notes + R"(",
      "aliases": ["plain", "tab\there"], "evidence": []}]})";
  auto d = load_data(text);
  REQUIRE_MESSAGE(d.has_value(), codes(d.error()));
  const vendor& v = d->vendors.at(0);
  CHECK(v.id.str() == "acme");
  CHECK(*v.name == "Acme \"Cloud\" \\ \xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
  CHECK(*v.notes == std::string(70000, 'x') + "\"" + std::string(70000, 'y') + "\xC3\xA9");
  CHECK(v.aliases == std::vector<std::string>{"plain", "tab\there"});
  // The same document through data_from_value reads the same.
  auto again = data_from_value(boost::json::parse(text));
  REQUIRE(again.has_value());
  CHECK(*again == *d);
}

TEST_CASE("F2 a key spelled once plainly and once with escapes is a duplicate; many distinct keys are not") {
  auto d = load_data(R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "i\u0064": "b"}]})");
  REQUIRE(!d);
  REQUIRE(d.error().items.size() == 1);
  CHECK(d.error().items[0].code == errc::duplicate_key);
  // Objects with enough distinct keys that some share a length and first and last letters
  // ("k0a" ... "k9a", "aa" ... "zz") load: only a real repeat is refused.
  std::string extras;
  for (char c = '0'; c <= '9'; ++c) extras += std::string(R"(, "k)") + c + R"(a": 1)";
  for (char c = 'a'; c <= 'z'; ++c) extras += std::string(R"(, ")") + c + c + R"(": 1)";
  auto ok = load_data(R"({"format": "compliance-registry/1", "vendors": [{"id": "a")" + extras + "}]}");
  CHECK_MESSAGE(ok.has_value(), (ok ? std::string() : codes(ok.error())));
  auto repeated = load_data(R"({"format": "compliance-registry/1", "vendors": [{"id": "a")" + extras + R"(, "k5a": 2}]})");
  REQUIRE(!repeated);
  CHECK(repeated.error().items.at(0).code == errc::duplicate_key);
  CHECK(repeated.error().items.at(0).pointer == "/vendors/0/k5a");
}

TEST_CASE("F1 dates are strict YYYY-MM-DD calendar dates") {
  for (const char* bad : {"2023-02-30", "2024-2-1", "2024-Feb-01", "20240201", "2024-02-01T00:00:00Z", " 2024-02-01",
                          "2024-13-01", "2100-02-29", "1399-12-31"}) {
    CAPTURE(bad);
    const std::string text = std::string(R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "evidence": [
        {"id": "c", "type": "attestation", "framework": "hipaa", "since": ")") + bad + "\"}]}]}";
    auto d = load_data(text);
    REQUIRE(!d);
    REQUIRE(d.error().items.size() == 1);
    CHECK(d.error().items[0].code == errc::bad_date);
    CHECK(d.error().items[0].pointer == "/vendors/0/evidence/0/since");
  }
  auto leap = load_data(R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "evidence": [
      {"id": "c", "type": "attestation", "framework": "hipaa", "since": "2024-02-29"}]}]})");
  REQUIRE(leap.has_value());
  CHECK(std::get<attestation>(leap->vendors[0].evidence[0].details).since == date(2024, 2, 29));
}

TEST_CASE("F2 every invalid fixture is refused with exactly the listed errors at the listed pointers") {
  const auto manifest = read_manifest();
  CHECK(manifest.size() >= 40);
  std::set<std::string> on_disk;
  for (const auto& entry : fs::directory_iterator(data_dir / "invalid"))
    if (entry.path().extension() == ".json") on_disk.insert(entry.path().filename().string());
  for (const auto& name : on_disk) CHECK_MESSAGE(manifest.count(name) == 1, name << " is not in expected.tsv");

  for (const auto& item : manifest) {
    const std::string& name = item.first; // not a structured binding: CAPTURE's lambda takes it (clang 14)
    const auto& expected = item.second;
    CAPTURE(name);
    const std::string path = (data_dir / "invalid" / name).string();
    auto r = load_file(path);
    REQUIRE_MESSAGE(!r, name << " loaded but must be refused");
    std::multiset<expected_error> actual;
    for (const auto& d : r.error().items) {
      actual.insert({std::string(to_string(d.code)), d.pointer});
      CHECK(d.level == diagnostic_level::error);
      CHECK(d.line >= 1);
      CHECK(d.column >= 1);
      CHECK(d.message.rfind(path + ": ", 0) == 0); // the file is named
      CHECK(d.message.size() > path.size() + 10);
    }
    CHECK_MESSAGE(actual == expected, codes(r.error()));
    // lint reports the same errors (and perhaps warnings).
    std::multiset<expected_error> linted;
    for (const auto& d : lint_file(path))
      if (d.level == diagnostic_level::error) {
        linted.insert({d.lint_code, d.pointer});
        CHECK(d.lint_code == to_string(d.code));
      }
    CHECK(linted == expected);
  }
}

TEST_CASE("F2 valid fixtures load, and save then load gives equal data") {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(data_dir / "valid")) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    CAPTURE(entry.path());
    auto r = load_file(entry.path().string());
    REQUIRE_MESSAGE(r.has_value(), codes(r.error()));
    auto back = load_data(to_json(r->data()));
    REQUIRE(back.has_value());
    CHECK(*back == r->data());
  }
  CHECK(count >= 4);
}

TEST_CASE("F2 line and column point at the offending value, counting characters not bytes") {
  const char* text = "{\n"
                     "  \"format\": \"compliance-registry/1\",\n"
                     "  \"vendors\": [\n"
                     "    {\"id\": \"zürich\", \"name\": \"Zürich AG\"},\n"
                     "    {\"name\": \"Ünïcode\", \"id\": \"ok\", \"aliases\": [\"a\", 7]}\n"
                     "  ]\n"
                     "}\n";
  auto d = load_data(text);
  REQUIRE(!d);
  const auto items = d.error().items;
  REQUIRE(items.size() == 2);
  CHECK(items[0].code == errc::bad_id);
  CHECK(items[0].pointer == "/vendors/0/id");
  CHECK(items[0].line == 4);
  CHECK(items[0].column == 12);
  CHECK(items[1].code == errc::wrong_type);
  CHECK(items[1].pointer == "/vendors/1/aliases/1");
  CHECK(items[1].line == 5);
  CHECK(items[1].column == 54);
}

TEST_CASE("F2 every error is reported, not only the first, in document order") {
  std::string text = R"({"format": "compliance-registry/1", "vendors": [)";
  for (int i = 0; i < 500; ++i) {
    if (i) text += ",\n";
    text += R"({"id": "v)" + std::to_string(i) +
            R"(", "evidence": [{"id": "e)" + std::to_string(i) +
            R"(", "type": "attestation", "framework": "hipaa", "since": "2023-02-30"}]})";
  }
  text += "]}";
  auto d = load_data(text);
  REQUIRE(!d);
  const auto items = d.error().items;
  REQUIRE(items.size() == 500);
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(items[i].code == errc::bad_date);
    CHECK(items[i].line == i + 1);
    CHECK(items[i].pointer == "/vendors/" + std::to_string(i) + "/evidence/0/since");
  }
}

TEST_CASE("F2 a refused document gives no registry, and the throwing form carries every diagnostic") {
  const std::string text = slurp(data_dir / "invalid" / "several-errors.json");
  auto r = load(text);
  REQUIRE(!r);
  CHECK(r.error().items.size() == 4);
  try {
    (void)load_or_throw(text);
    FAIL("load_or_throw did not throw");
  } catch (const document_error& e) {
    CHECK(e.diagnostics().items.size() == 4);
    CHECK(std::string(e.what()).find("/vendors/0/name 6:15: ") != std::string::npos);
  }
  CHECK_THROWS_AS((void)load_file_or_throw((data_dir / "invalid" / "empty.json").string()), document_error);
  CHECK_NOTHROW((void)load_or_throw(minimal_certificate));
}

TEST_CASE("F2 duplicate keys are refused wherever they are, each one named") {
  auto d = load_data(R"({"format": "compliance-registry/1", "vendors": [
      {"id": "a", "x": {"k": 1, "k": 2, "k": 3}},
      {"id": "b", "name": "B", "name": "B2", "evidence": [{"id": "e", "id": "f"}]}]})");
  REQUIRE(!d);
  std::vector<std::string> pointers;
  for (const auto& x : d.error().items)
    if (x.code == errc::duplicate_key) pointers.push_back(x.pointer);
  CHECK(pointers == std::vector<std::string>{"/vendors/0/x/k", "/vendors/0/x/k", "/vendors/1/name",
                                             "/vendors/1/evidence/0/id"});
}

TEST_CASE("C16 relies_on cycle is a load error") {
  auto r = load(R"({"format": "compliance-registry/1", "vendors": [
  {"id": "a", "relies_on": [{"vendor": "b"}]},
  {"id": "b", "relies_on": [{"vendor": "c"}]},
  {"id": "c", "relies_on": [{"vendor": "a"}]}]})");
  REQUIRE(!r);
  REQUIRE(r.error().items.size() == 1);
  const auto d = r.error().items[0];
  CHECK(d.code == errc::relies_on_cycle);
  CHECK(d.pointer == "/vendors/2/relies_on/0/vendor");
  CHECK(d.line == 4);
  CHECK(d.column == 40);
}

TEST_CASE("C16 a dangling relies_on vendor is a load error; load_data alone does not check references") {
  const char* text = R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "relies_on": [{"vendor": "nobody"}]}]})";
  CHECK(load_data(text).has_value());
  auto r = load(text);
  REQUIRE(!r);
  CHECK(r.error().items.at(0).code == errc::dangling_reference);
}

TEST_CASE("F3 nesting 100000 deep is refused as too deep, without crashing") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  for (const std::string& text : {deep, R"({"format": "compliance-registry/1", "vendors": )" + deep + "}"}) {
    auto d = load_data(text);
    REQUIRE(!d);
    REQUIRE(d.error().items.size() == 1);
    CHECK(d.error().items[0].code == errc::too_deep);
    CHECK(d.error().items[0].message.find(std::to_string(max_json_depth)) != std::string::npos);
    CHECK(d.error().items[0].line == 1);
    CHECK(lint(text).size() == 1);
  }
}

TEST_CASE("F3 a 10 MB string is refused, not loaded") {
  const std::string text = R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "notes": ")" +
                           std::string(10u << 20, 'x') + R"("}]})";
  auto d = load_data(text);
  REQUIRE(!d);
  REQUIRE(d.error().items.size() == 1);
  CHECK(d.error().items[0].code == errc::bad_value);
  CHECK(d.error().items[0].pointer == "/vendors/0/notes");
  CHECK(d.error().items[0].column == 70);
  // A long but acceptable string loads.
  const std::string fine = R"({"format": "compliance-registry/1", "vendors": [{"id": "a", "notes": ")" +
                           std::string(max_json_string_bytes, 'x') + R"("}]})";
  CHECK(load_data(fine).has_value());
}

TEST_CASE("F5 load reads a stream to its end") {
  std::istringstream in(minimal_certificate);
  auto r = load(in);
  REQUIRE(r.has_value());
  CHECK(r->data().vendors.at(0).id == vendor_id("acme"));
  std::istringstream bad("{\"format\": ");
  CHECK(!load(bad));
}

TEST_CASE("F5 an unreadable file is an io error naming the file and the reason") {
  temp_dir dir;
  const std::string missing = (dir.path / "missing.json").string();
  auto r = load_file(missing);
  REQUIRE(!r);
  REQUIRE(r.error().items.size() == 1);
  CHECK(r.error().items[0].code == errc::io_error);
  CHECK(r.error().items[0].message.find(missing) != std::string::npos);
  CHECK(r.error().items[0].message.find("No such file or directory") != std::string::npos);
  auto d = load_data_file(dir.path.string()); // a directory
  REQUIRE(!d);
  CHECK(d.error().items.at(0).code == errc::io_error);
  CHECK(d.error().items.at(0).message.find("directory") != std::string::npos);
  CHECK_THROWS_AS((void)load_file_or_throw(missing), document_error);
}

TEST_CASE("F4 save_file replaces an existing file atomically and keeps its permissions") {
  temp_dir dir;
  const fs::path target = dir.path / "registry.json";
  spit(target, "old contents\n");
  ::chmod(target.c_str(), 0640);
  const registry_data data = generator(42, true).make(10);
  auto saved = save_file(data, target.string());
  REQUIRE_MESSAGE(saved.has_value(), codes(saved.error()));
  CHECK(slurp(target) == to_json(data));
  CHECK(dir.entries() == std::set<std::string>{"registry.json"}); // no temporary file left
  struct ::stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  auto back = load_file(target.string());
  REQUIRE(back.has_value());
  CHECK(back->data() == data);
  // Saving again over it, and a new file beside it.
  CHECK(save_file(registry_data{}, target.string()).has_value());
  CHECK(slurp(target) == to_json(registry_data{}));
  CHECK(save_file(data, (dir.path / "new.json").string()).has_value());
  CHECK(dir.entries() == std::set<std::string>{"new.json", "registry.json"});
  CHECK_NOTHROW(save_file_or_throw(data, target.string()));
}

TEST_CASE("F4 save_file through a symbolic link replaces the file it names and keeps the link") {
  temp_dir dir;
  fs::create_directory(dir.path / "real");
  spit(dir.path / "real" / "registry.json", "old\n");
  fs::create_symlink(fs::path("real") / "registry.json", dir.path / "link.json");
  const registry_data data = generator(11, true).make(2);
  auto saved = save_file(data, (dir.path / "link.json").string());
  REQUIRE_MESSAGE(saved.has_value(), codes(saved.error()));
  CHECK(fs::is_symlink(dir.path / "link.json"));
  CHECK(slurp(dir.path / "real" / "registry.json") == to_json(data));
  CHECK(dir.entries() == std::set<std::string>{"link.json", "real"});
}

TEST_CASE("F4 save_file into a missing directory fails with a clear error and creates nothing") {
  temp_dir dir;
  const std::string target = (dir.path / "no-such-dir" / "registry.json").string();
  auto saved = save_file(registry_data{}, target);
  REQUIRE(!saved);
  REQUIRE(saved.error().items.size() == 1);
  const auto d = saved.error().items[0];
  CHECK(d.code == errc::io_error);
  CHECK(d.message.find(target) != std::string::npos);
  CHECK(d.message.find("No such file or directory") != std::string::npos);
  CHECK(dir.entries().empty());
  CHECK_THROWS_AS(save_file_or_throw(registry_data{}, target), document_error);
}

TEST_CASE("F4 save_file where the path is a directory fails and leaves nothing behind") {
  temp_dir dir;
  const fs::path target = dir.path / "registry.json";
  fs::create_directory(target);
  spit(target / "keep.txt", "kept\n");
  auto saved = save_file(generator(5, true).make(3), target.string());
  REQUIRE(!saved);
  const auto d = saved.error().items.at(0);
  CHECK(d.code == errc::io_error);
  CHECK(d.message.find("directory") != std::string::npos);
  CHECK(dir.entries() == std::set<std::string>{"registry.json"}); // the temporary file was removed
  CHECK(fs::is_directory(target));
  CHECK(slurp(target / "keep.txt") == "kept\n");
}

TEST_CASE("F5 data_from_value reads an already parsed document, without positions") {
  const auto value = boost::json::parse(minimal_certificate);
  auto d = data_from_value(value);
  REQUIRE(d.has_value());
  CHECK(d->vendors.at(0).evidence.at(0).id == evidence_id("acme-iso"));
  CHECK(to_value(*d) == boost::json::parse(to_json(*d)));
  auto bad = data_from_value(boost::json::parse(R"({"format": "compliance-registry/1", "vendors": [{"id": "A"}]})"));
  REQUIRE(!bad);
  CHECK(bad.error().items.at(0).pointer == "/vendors/0/id");
  CHECK(bad.error().items.at(0).line == 0);
}

TEST_CASE("C18 the sample registry loads, and lint finds cloudant's ISO 27002 certificate") {
  auto r = load_file(COMPLIANCE_SAMPLE_REGISTRY);
  REQUIRE_MESSAGE(r.has_value(), codes(r.error()));
  const auto vendors = r->data().vendors;
  std::set<std::string> ids;
  std::set<std::string> numbers;
  for (const auto& v : vendors) {
    ids.insert(v.id.str());
    for (const auto& e : v.evidence) {
      CHECK_MESSAGE(e.source, e.id << " has no source");
      if (const auto* c = std::get_if<certificate>(&e.details); c && c->number) numbers.insert(*c->number);
    }
  }
  CHECK(ids == std::set<std::string>{"aiven", "aws", "braze", "clickhouse", "cloudant", "softlayer"});
  CHECK(numbers == std::set<std::string>{"1504855-4"}); // the only number a seed page prints

  std::string pointer;
  for (std::size_t i = 0; i < vendors.size(); ++i)
    for (std::size_t j = 0; j < vendors[i].evidence.size(); ++j)
      if (vendors[i].evidence[j].framework == framework_id("iso27002"))
        pointer = "/vendors/" + std::to_string(i) + "/evidence/" + std::to_string(j) + "/framework";
  REQUIRE(!pointer.empty());
  const auto findings = lint_file(COMPLIANCE_SAMPLE_REGISTRY);
  REQUIRE(findings.size() == 1); // nothing else to say about the sample
  CHECK(findings[0].lint_code == "not-certifiable");
  CHECK(findings[0].level == diagnostic_level::warning);
  CHECK(findings[0].pointer == pointer);
  CHECK(findings[0].line > 0);
}

TEST_CASE("F5 the JSON Schema spells every vocabulary as the enum tables do") {
  const fs::path schema_path = fs::path(COMPLIANCE_SAMPLE_REGISTRY).parent_path() / "compliance-registry-1.schema.json";
  const auto schema = boost::json::parse(slurp(schema_path));
  const auto& defs = schema.at("$defs");
  auto words = [](const boost::json::value& e) {
    std::set<std::string> out;
    for (const auto& w : e.at("enum").as_array())
      if (w.is_string()) out.insert(std::string(w.as_string()));
    return out;
  };
  auto table = [](auto tag) {
    using E = decltype(tag);
    std::set<std::string> out;
    for (const auto& [value, name] : detail::enum_table<E>::names) out.insert(std::string(name));
    return out;
  };
  CHECK(words(defs.at("evidence").at("properties").at("type")) == table(evidence_type{}));
  CHECK(words(defs.at("framework").at("properties").at("assurance")) == table(assurance{}));
  CHECK(words(defs.at("framework").at("properties").at("requires_agreement")) == table(agreement_kind{}));
  CHECK(words(defs.at("policy").at("properties").at("surveillance")) == table(surveillance_policy{}));
  const auto& cert = defs.at("certificate").at("properties");
  CHECK(words(cert.at("audits").at("items").at("properties").at("kind")) == table(audit_kind{}));
  CHECK(words(cert.at("audits").at("items").at("properties").at("outcome")) == table(audit_outcome{}));
  CHECK(words(cert.at("status").at("items").at("properties").at("state")) == table(status_state{}));
  const auto& rep = defs.at("report").at("properties");
  CHECK(words(rep.at("report_type")) == table(report_type{}));
  CHECK(words(rep.at("opinion")) == table(opinion{}));
  CHECK(words(rep.at("subservice").at("items").at("properties").at("method")) == table(reliance_method{}));
  CHECK(words(defs.at("listing").at("properties").at("status")) == table(listing_status{}));
  CHECK(schema.at("properties").at("format").at("const") == registry_format.data());
}
