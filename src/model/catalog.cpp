// The built-in framework catalog: one table (coverage-rules.md: a new edition is one new row).
#include "compliance/framework.hpp"

#include "util/bytes.hpp"
#include "util/name_hash.hpp"

#include <algorithm>

namespace compliance {

namespace {

using et = evidence_type;

date d(const char* text) { return date_from_string(text); }

edition ed(std::string id) { return edition{std::move(id), {}, {}, {}, {}, {}}; }

framework_info row(const char* id, const char* name, et typical) {
  framework_info f;
  f.id = framework_id(id);
  f.name = name;
  f.typical = typical;
  return f;
}

std::vector<framework_info> builtin_rows() {
  std::vector<framework_info> t;
  const std::vector<std::string> soc_criteria = {"security", "availability", "confidentiality",
                                                 "processing-integrity", "privacy"};
  auto add = [&t](framework_info f) -> framework_info& { return t.emplace_back(std::move(f)); };

  // --- ISO management-system certifications (C1–C6) ---
  {
    auto& f = add(row("iso27001", "ISO/IEC 27001 information security management", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    auto e2005 = ed("2005"); e2005.last_day = d("2015-09-30");                                    // C4
    auto e2013 = ed("2013"); e2013.last_day = d("2025-10-31"); e2013.last_audit_day = d("2024-04-30"); // C4
    f.editions = {e2005, e2013, ed("2022")};
  }
  {
    auto& f = add(row("iso27002", "ISO/IEC 27002 information security controls (guidance)", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    f.certifiable = false; // C18
    f.editions = {ed("2013"), ed("2022")};
  }
  {
    auto& f = add(row("iso27017", "ISO/IEC 27017 cloud security controls", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    f.requires = framework_id("iso27001"); // C6
    f.editions = {ed("2015")};
  }
  {
    auto& f = add(row("iso27018", "ISO/IEC 27018 protection of PII in public clouds", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    f.requires = framework_id("iso27001"); // C6
    f.editions = {ed("2014"), ed("2019"), ed("2025")};
  }
  {
    auto& f = add(row("iso27701", "ISO/IEC 27701 privacy information management", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    auto e2019 = ed("2019"); e2019.requires = framework_id("iso27001"); // C6: an extension of 27001
    f.editions = {e2019, ed("2025")};                                   // 2025 stands alone
    f.default_edition = "2019";
  }
  {
    auto& f = add(row("iso22301", "ISO 22301 business continuity management", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    auto e2012 = ed("2012"); e2012.last_day = d("2023-04-30"); // C4
    f.editions = {e2012, ed("2019")};
  }
  {
    auto& f = add(row("iso9001", "ISO 9001 quality management", et::certificate));
    f.cycle = surveillance_cycle::iso17021(); // C5: ISO/IEC 17021-1
    auto e2008 = ed("2008"); e2008.last_day = d("2018-09-15"); // C4
    f.editions = {e2008, ed("2015")};
  }

  // --- Attestation reports (C7–C11) ---
  add(row("soc1", "SOC 1 (controls relevant to financial reporting)", et::report));
  {
    auto& f = add(row("soc2", "SOC 2 (Trust Services Criteria)", et::report));
    f.criteria = soc_criteria;
    f.implied_criteria = {"security"};
    f.satisfies = {equivalence{framework_id("soc3"), true}}; // C11: a SOC 3 summarises a SOC 2 type 2
  }
  {
    auto& f = add(row("soc3", "SOC 3 (general-use Trust Services report)", et::report));
    f.criteria = soc_criteria;
    f.implied_criteria = {"security"};
  }
  {
    auto& f = add(row("isae3402", "ISAE 3402 assurance report on service-organisation controls", et::report));
    f.satisfies = {equivalence{framework_id("soc1"), false}}; // C11
  }
  add(row("isae3000", "ISAE 3000 assurance engagement", et::report));
  {
    auto& f = add(row("ssae16", "SSAE 16 (SAS 70 successor, superseded by SSAE 18 on 2017-05-01)", et::report));
    f.satisfies = {equivalence{framework_id("soc1"), false}}; // C11
  }
  {
    auto& f = add(row("c5", "BSI C5 cloud computing compliance criteria catalogue", et::report));
    f.editions = {ed("2016"), ed("2020")};
  }

  // --- Self-assessments (C12) ---
  {
    auto& f = add(row("pci-dss", "PCI DSS", et::self_assessment));
    f.validity_months = 12;
    auto v321 = ed("3.2.1"); v321.in_force_through = d("2024-03-31");
    auto v40 = ed("4.0"); v40.in_force_from = d("2022-03-31"); v40.in_force_through = d("2024-12-31");
    auto v401 = ed("4.0.1"); v401.in_force_from = d("2024-06-11");
    f.editions = {v321, v40, v401};
    f.merchant_only_variants = {"saq-a", "saq-a-ep", "saq-b", "saq-b-ip", "saq-c", "saq-c-vt", "saq-p2pe", "saq-spoc"};
    f.variants = f.merchant_only_variants;
    f.variants.insert(f.variants.end(), {"saq-d", "roc"});
  }
  {
    auto& f = add(row("csa-star", "CSA STAR (Security, Trust, Assurance and Risk)", et::self_assessment));
    f.validity_months = 12; // Level 1 self-assessments are resubmitted yearly
    f.variants = {"caiq", "certification", "attestation"};
  }

  // --- Listings (C13) ---
  {
    auto& f = add(row("dpf", "Data Privacy Framework (EU-U.S., UK Extension, Swiss-U.S.)", et::listing));
    f.programs = {program{"eu-us", d("2023-07-10"), {}},
                  program{"uk-extension", d("2023-10-12"), {"eu-us"}},
                  program{"swiss-us", d("2024-09-15"), {}}};
  }
  {
    auto& f = add(row("privacy-shield", "EU-U.S. and Swiss-U.S. Privacy Shield", et::listing));
    f.programs = {program{"eu-us", d("2016-08-01"), {}}, program{"swiss-us", d("2017-04-12"), {}}};
    f.last_day = d("2020-07-15"); // C13: invalidated (Schrems II)
  }

  // --- Laws and rules with no certificate: attestations (C14) ---
  {
    auto& f = add(row("hipaa", "HIPAA Security and Privacy Rules", et::attestation));
    f.certifiable = false;
    f.requires_agreement = agreement_kind::baa;
  }
  {
    auto& f = add(row("gdpr", "EU General Data Protection Regulation", et::attestation));
    f.certifiable = false;
    f.requires_agreement = agreement_kind::dpa;
  }
  {
    auto& f = add(row("ccpa", "California Consumer Privacy Act", et::attestation));
    f.certifiable = false;
    f.requires_agreement = agreement_kind::dpa;
  }

  // --- Other certifications ---
  {
    auto& f = add(row("hitrust", "HITRUST CSF certification", et::certificate));
    f.cycle = surveillance_cycle::hitrust_r2(); // C5: r2, an interim assessment before the first anniversary
  }
  add(row("fedramp", "FedRAMP authorization", et::certificate)); // no cycle: annual assessments are not audits of a certificate
  add(row("tisax", "TISAX assessment label", et::certificate));
  add(row("cyber-essentials", "Cyber Essentials (UK)", et::certificate));
  return t;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

} // namespace

const edition* framework_info::find_edition(std::string_view e) const noexcept {
  for (const auto& x : editions)
    if (x.id == e) return &x;
  return nullptr;
}
const program* framework_info::find_program(std::string_view p) const noexcept {
  for (const auto& x : programs)
    if (x.id == p) return &x;
  return nullptr;
}
bool framework_info::has_variant(std::string_view v) const noexcept { return contains(variants, v); }
bool framework_info::is_merchant_only(std::string_view v) const noexcept { return contains(merchant_only_variants, v); }
bool framework_info::has_criterion(std::string_view c) const noexcept { return contains(criteria, c); }

// The lookup table (catalog::index_): open addressing over the ids by their name_hash
// (util/name_hash.hpp), each slot four words — the id's first sixteen bytes as they are, its
// length and its row (free: no_row) — so a lookup compares words, never calls a string compare
// for an id of up to sixteen bytes, and never copies.
namespace {
constexpr std::size_t slot_words = 4;
constexpr std::uint64_t no_row = ~std::uint64_t{0};
/// The first sixteen bytes of `s` as two words, zero-padded.
struct head_words {
  std::uint64_t w[2] = {0, 0};
  explicit head_words(std::string_view s) noexcept {
    if (!s.empty()) w[0] = detail::load8(s, 0);
    if (s.size() > 8) w[1] = detail::load8(s, 8);
  }
};
} // namespace

const catalog& catalog::builtin() {
  static const catalog instance(builtin_rows());
  return instance;
}

catalog::catalog(std::vector<framework_info> rows) { add(std::move(rows)); }

catalog::catalog(const catalog& base, std::vector<framework_info> rows) : rows_(base.rows_), index_(base.index_) {
  add(std::move(rows));
}

void catalog::add(std::vector<framework_info> rows) {
  for (auto& r : rows) {
    if (const auto* same = find(r.id.str())) { // a row of the same id replaces the earlier one
      rows_[static_cast<std::size_t>(same - rows_.data())] = std::move(r);
      continue;
    }
    rows_.push_back(std::move(r));
    if (index_.size() < 2 * slot_words * rows_.size()) { // grow: keep at most half full, rehash every row
      index_.assign(slot_words * detail::table_capacity(rows_.size()), 0);
      for (std::size_t k = 3; k < index_.size(); k += slot_words) index_[k] = no_row;
      for (std::size_t k = 0; k < rows_.size(); ++k) insert(k);
    } else {
      insert(rows_.size() - 1);
    }
  }
}

void catalog::insert(std::size_t row) {
  const std::string_view id = rows_[row].id.str();
  const head_words head(id);
  const std::size_t mask = index_.size() / slot_words - 1;
  auto i = detail::name_hash(id) & mask;
  while (index_[slot_words * i + 3] != no_row) i = (i + 1) & mask;
  std::uint64_t* slot = &index_[slot_words * i];
  slot[0] = head.w[0];
  slot[1] = head.w[1];
  slot[2] = id.size();
  slot[3] = row;
}

const framework_info* catalog::find(std::string_view id) const noexcept {
  if (index_.empty()) return nullptr;
  const head_words head(id);
  const std::size_t mask = index_.size() / slot_words - 1;
  for (auto i = detail::name_hash(id) & mask; index_[slot_words * i + 3] != no_row; i = (i + 1) & mask) {
    const std::uint64_t* slot = &index_[slot_words * i];
    const auto& row = rows_[static_cast<std::size_t>(slot[3])];
    if (slot[2] == id.size() && slot[0] == head.w[0] && slot[1] == head.w[1] && (id.size() <= 16 || row.id.str() == id))
      return &row; // exact bytes: the hash folds case, the words do not
  }
  return nullptr;
}

std::vector<std::string> catalog::closest(std::string_view word, std::size_t n) const {
  std::vector<std::string> ids;
  ids.reserve(rows_.size());
  for (const auto& r : rows_) ids.push_back(r.id.str());
  return closest_words(word, ids, n);
}

std::vector<std::string> closest_words(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t n) {
  const std::string w = detail::ascii_lower(word);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& c : candidates) {
    const std::string lc = detail::ascii_lower(c);
    std::size_t dist = edit_distance(w, lc);
    // A prefix or substring match is as good as a one-letter slip ("iso" → iso27001, "27001" → iso27001).
    if (!w.empty() && (lc.rfind(w, 0) == 0 || lc.find(w) != std::string::npos)) dist = std::min<std::size_t>(dist, 1);
    const std::size_t limit = std::max<std::size_t>(2, std::max(w.size(), lc.size()) / 2);
    if (dist <= limit) scored.emplace_back(dist, c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (out.size() == n) break;
    if (std::find(out.begin(), out.end(), s.second) == out.end()) out.push_back(s.second);
  }
  return out;
}

} // namespace compliance
