// The verdict dump: every answer the library gives on generated registries, one fact a line, so
// that a restructuring can be checked byte for byte against the code before it.
//
//   verdict_dump [--lines N] [--policy inherit|strict]
//     --lines: default 1 000 000 (stops after the query that passes N lines)
//     --policy: the generated registries' own policy section accepts inherited evidence (C16), or
//               makes surveillance strict (C5): the query index is then built under it
//
// Uses the public API only, so the same source builds against any version of the library. For
// each of several generated registries (benchmarks/generator.hpp, fixed seeds) it prints: check()
// in full (status, run, evidence, every finding with its code, severity, evidence, decisiveness
// and sentence) under random requirements, dates and query options; is_covered() alone and in a
// batch; coverage() over a random window; covered_vendors(); expiring() at random dates and
// horizons; matrix(); timeline() lane by lane. Compare two builds with
//   diff <(old/verdict_dump) <(new/verdict_dump)
#include "compliance/compliance.hpp"

#include "generator.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

using namespace compliance;
using generator::rng;

namespace {

std::size_t lines = 0;

std::ostream& line() {
  ++lines;
  return std::cout;
}

std::string opt(const std::optional<date>& d) { return d ? to_string(*d) : std::string("-"); }

/// Whether a verdict is covered: covered() where the library has it, else the older member.
template <class Verdict>
auto covered_of(const Verdict& v, int) -> decltype(v.covered(), bool()) {
  return v.covered();
}
template <class Verdict>
bool covered_of(const Verdict& v, long) {
  return v.covered;
}

/// " grace=…" for a W1 item with a grace limit (a library without the field prints nothing).
template <class Item>
auto grace_of(const Item& it, int) -> decltype(it.grace_until, std::string()) {
  return it.grace_until ? " grace=" + to_string(*it.grace_until) : std::string();
}
template <class Item>
std::string grace_of(const Item&, long) {
  return {};
}

std::string runs(const interval_set& s) {
  std::string out;
  for (const auto& r : s.runs()) out += " " + to_string(r.first) + ".." + to_string(r.last);
  return out.empty() ? std::string(" (none)") : out;
}

void dump(const verdict& v) {
  line() << "  covered=" << covered_of(v, 0) << " status=" << to_string(v.status)
         << " vendor=" << (v.vendor ? v.vendor->str() : std::string("-")) << " on=" << to_string(v.on)
         << " since=" << opt(v.covered_since) << " until=" << opt(v.covered_until)
         << " next=" << opt(v.next_covered_from) << "\n";
  std::string sat;
  for (const auto& e : v.satisfied_by) sat += " " + e.str();
  line() << "  satisfied_by" << sat << "\n";
  for (const auto& f : v.findings)
    line() << "  finding " << to_string(f.code) << " " << to_string(f.severity) << " "
           << (f.evidence ? f.evidence->str() : std::string("-")) << (f.decisive ? " *" : "") << " " << f.message
           << "\n";
  std::string sug;
  for (const auto& s : v.suggestions) sug += " " + s;
  if (!sug.empty()) line() << "  suggestions" << sug << "\n";
}

query_options random_options(rng& r) {
  static const std::vector<std::string> services = {"api", "storage", "payments", "hosting"};
  static const std::vector<std::string> regions = {"eu", "us", "apac"};
  static const std::vector<std::string> plans = {"basic", "enterprise"};
  query_options o;
  if (r.chance(15)) o.service = r.pick(services);
  if (r.chance(10)) o.region = r.pick(regions);
  if (r.chance(8)) o.plan = r.pick(plans);
  if (r.chance(20)) o.policy.accept_inherited = r.chance(70);
  if (r.chance(10)) o.minimum_assurance = r.chance(50) ? assurance::attested : assurance::certified;
  if (r.chance(10)) o.policy.surveillance = r.chance(50) ? surveillance_policy::strict : surveillance_policy::ignore;
  if (r.chance(5)) o.policy.surveillance_grace_days = static_cast<int>(r.below(120));
  if (r.chance(5)) o.policy.report_grace_months = static_cast<int>(r.below(15));
  if (r.chance(5)) o.policy.bridge_max_months = static_cast<int>(r.below(13));
  if (r.chance(5)) o.policy.require_agreements = r.chance(50);
  return o;
}

std::string describe(const query_options& o) {
  std::string s;
  if (o.service) s += " service=" + *o.service;
  if (o.region) s += " region=" + *o.region;
  if (o.plan) s += " plan=" + *o.plan;
  if (o.policy.accept_inherited) s += std::string(" inherited=") + (*o.policy.accept_inherited ? "yes" : "no");
  if (o.minimum_assurance) s += " assurance=" + std::string(to_string(*o.minimum_assurance));
  if (o.policy.surveillance) s += " surveillance=" + std::string(to_string(*o.policy.surveillance));
  if (o.policy.surveillance_grace_days) s += " surveillance_grace=" + std::to_string(*o.policy.surveillance_grace_days);
  if (o.policy.report_grace_months) s += " report_grace=" + std::to_string(*o.policy.report_grace_months);
  if (o.policy.bridge_max_months) s += " bridge_max=" + std::to_string(*o.policy.bridge_max_months);
  if (o.policy.require_agreements) s += std::string(" agreements=") + (*o.policy.require_agreements ? "yes" : "no");
  return s;
}

} // namespace

int main(int argc, char** argv) {
  std::size_t target = 1000000;
  policy_overrides document_policy;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--lines") == 0 && i + 1 < argc) target = std::strtoull(argv[++i], nullptr, 10);
    else if (std::strcmp(argv[i], "--policy") == 0 && i + 1 < argc && std::strcmp(argv[i + 1], "inherit") == 0) {
      document_policy.accept_inherited = true;
      ++i;
    } else if (std::strcmp(argv[i], "--policy") == 0 && i + 1 < argc && std::strcmp(argv[i + 1], "strict") == 0) {
      document_policy.surveillance = surveillance_policy::strict;
      ++i;
    } else {
      std::cerr << "usage: verdict_dump [--lines N] [--policy inherit|strict]\n";
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  const std::vector<std::string> expressions = {
      "iso27001", "iso27001:2022", "iso27001:2013", "iso27017", "iso27701", "iso9001", "hitrust", "soc2",
      "soc2:type1", "soc2:type2", "soc2[availability]", "soc2:type2[confidentiality,privacy]", "soc1", "soc3",
      "soc3[availability]", "isae3402", "c5", "pci-dss", "pci-dss:saq-a", "pci-dss:saq-d", "pci-dss:roc",
      "csa-star", "dpf", "dpf:uk-extension", "dpf:swiss-us", "hipaa", "gdpr", "ccpa", "iso27001 | soc2:type2",
      "(iso27001 & soc2) | pci-dss:roc", "iso27701 & iso27001", "c5 | isae3402", "hipaa & soc2:type2",
      "dpf & gdpr", "(soc1 | soc2) & (iso27001 | iso27017)"};
  const std::size_t sizes[] = {300, 1000, 3000};
  for (std::uint64_t round = 0; lines < target; ++round) {
    const std::size_t n = sizes[round % 3];
    const std::uint64_t seed = 20261207 + round;
    auto data = generator::generate(n, seed);
    data.policy = document_policy;
    const auto reg = registry::build(std::move(data)).value();
    line() << "registry seed=" << seed << " vendors=" << n << "\n";
    std::vector<requirement> reqs;
    for (const auto& e : expressions) reqs.push_back(reg.parse(e));
    rng r(seed * 31 + 7);
    for (int q = 0; q < 4000 && lines < target; ++q) {
      const std::size_t vi = static_cast<std::size_t>(r.below(reg.size() + reg.size() / 50 + 1));
      const std::string vendor = vi < reg.size() ? generator::vendor_name(vi) : "nobody-" + std::to_string(vi);
      const std::size_t ri = static_cast<std::size_t>(r.below(reqs.size()));
      const date day = generator::random_day(r);
      const query_options o = r.chance(50) ? query_options{} : random_options(r);
      line() << "check " << vendor << " " << expressions[ri] << " " << to_string(day) << describe(o) << "\n";
      dump(reg.check(vendor, reqs[ri], day, o));
      line() << "  is_covered=" << reg.is_covered(vendor, reqs[ri], day, o)
             << " plain=" << reg.is_covered(vendor, reqs[ri], day) << "\n";
      const date to = day + boost::gregorian::days(static_cast<long>(r.below(800)));
      const auto c = reg.coverage(vendor, reqs[ri], {day, to}, o);
      line() << "  coverage " << to_string(day) << ".." << to_string(to) << " covered" << runs(c.covered) << " gaps"
             << runs(c.gaps) << "\n";
    }
    for (int q = 0; q < 20 && lines < target; ++q) {
      const std::size_t ri = static_cast<std::size_t>(r.below(reqs.size()));
      const date day = generator::random_day(r);
      std::vector<std::string> names;
      std::vector<point_query> batch;
      for (int k = 0; k < 200; ++k) names.push_back(generator::vendor_name(static_cast<std::size_t>(r.below(reg.size()))));
      for (const auto& nm : names) batch.push_back({nm, generator::random_day(r)});
      std::vector<char> answers(batch.size());
      reg.is_covered(reqs[ri], batch.data(), batch.size(), reinterpret_cast<bool*>(answers.data()));
      std::string bits;
      for (char a : answers) bits += a ? '1' : '0';
      line() << "batch " << expressions[ri] << " " << bits << "\n";
      const query_options o = r.chance(50) ? query_options{} : random_options(r);
      const auto vs = reg.covered_vendors(reqs[ri], day, o);
      std::string list;
      for (const auto& v : vs) list += " " + v.str();
      line() << "covered_vendors " << expressions[ri] << " " << to_string(day) << describe(o) << ":" << list << "\n";
    }
    for (int q = 0; q < 6 && lines < target; ++q) {
      const date day = generator::random_day(r);
      const long within = static_cast<long>(r.below(200));
      const query_options o = r.chance(50) ? query_options{} : random_options(r);
      const auto items = reg.expiring(day, within, o);
      line() << "expiring " << to_string(day) << " within " << within << describe(o) << ": " << items.size() << "\n";
      for (const auto& it : items)
        line() << "  " << it.vendor.str() << " " << (it.evidence ? it.evidence->str() : std::string("-")) << " "
               << it.framework.str() << " " << it.requirement << " " << to_string(it.ends) << " " << it.days_left
               << " " << to_string(it.renewal) << grace_of(it, 0) << " " << it.message << "\n";
    }
    for (int q = 0; q < 2 && lines < target; ++q) {
      const date day = generator::random_day(r);
      std::vector<requirement> cols;
      std::string names;
      for (int k = 0; k < 5; ++k) {
        const auto ri = static_cast<std::size_t>(r.below(reqs.size()));
        cols.push_back(reqs[ri]);
        names += " | " + expressions[ri];
      }
      const auto m = reg.matrix(cols, day);
      line() << "matrix " << to_string(day) << names << "\n";
      for (std::size_t vi = 0; vi < m.vendors.size(); ++vi) {
        std::string row;
        for (const auto& cell : m.cells[vi])
          row += " " + std::string(to_string(cell.status)) + "/" + (cell.days_left ? std::to_string(*cell.days_left) : "-") +
                 "/" + opt(cell.covered_until);
        line() << "  " << m.vendors[vi].str() << row << "\n";
      }
    }
    for (int q = 0; q < 60 && lines < target; ++q) {
      const std::string vendor = generator::vendor_name(static_cast<std::size_t>(r.below(reg.size())));
      const date from = generator::random_day(r);
      const date to = from + boost::gregorian::days(static_cast<long>(r.below(1500)));
      const query_options o = r.chance(70) ? query_options{} : random_options(r);
      const auto t = reg.timeline(vendor, {from, to}, from, o);
      line() << "timeline " << vendor << " " << to_string(from) << ".." << to_string(to) << describe(o) << "\n";
      for (const auto& lane : t.lanes) {
        line() << "  lane " << lane.label << "\n";
        for (const auto& s : lane.segments)
          line() << "    " << to_string(s.days.first) << ".." << to_string(s.days.last) << " " << to_string(s.kind) << " "
                 << (s.code ? std::string(to_string(*s.code)) : std::string("-")) << "\n";
        for (const auto& mk : lane.marks) line() << "    mark " << to_string(mk.on) << " " << mk.label << "\n";
      }
    }
  }
  std::cout.flush();
  return std::cout ? 0 : 1;
}
