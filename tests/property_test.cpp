// Properties on generated data (fixed seeds): the interval-set laws, and G5 — every way of
// asking (check, is_covered on the fast path and the general one, coverage, covered_vendors,
// matrix, expiring) reads the same sets, so they agree on every generated case.
#include "compliance/builder.hpp"
#include "compliance/registry.hpp"

#include "fields.hpp"
#include "generator.hpp"
#include "registry/registry_impl.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <memory>

using namespace compliance;
using generator::rng;

namespace {

interval_set random_set(rng& r) {
  interval_set s;
  const auto n = r.below(5);
  for (std::uint64_t i = 0; i < n; ++i) {
    const date a = generator::random_day(r);
    s.add({a, a + boost::gregorian::days(static_cast<long>(r.below(400)))});
  }
  return s;
}

} // namespace

TEST_CASE("G5 interval-set laws: commutative, associative, distributive; gaps are the complement") {
  rng r(7);
  const interval everything{min_date(), max_date()};
  for (int i = 0; i < 500; ++i) {
    const auto a = random_set(r), b = random_set(r), c = random_set(r);
    CHECK((a | b) == (b | a));
    CHECK((a & b) == (b & a));
    CHECK(((a | b) | c) == (a | (b | c)));
    CHECK(((a & b) & c) == (a & (b & c)));
    CHECK((a & (b | c)) == ((a & b) | (a & c)));
    CHECK((a | (b & c)) == ((a | b) & (a | c)));
    CHECK((a.gaps(everything) | a) == interval_set(everything));
    CHECK((a.gaps(everything) & a).empty());
    CHECK(((a - b) | (a & b)) == a);
    const date day = generator::random_day(r);
    CHECK((a | b).contains(day) == (a.contains(day) || b.contains(day)));
    CHECK((a & b).contains(day) == (a.contains(day) && b.contains(day)));
  }
}

TEST_CASE("G5 check, is_covered, coverage, covered_vendors and matrix agree on generated registries") {
  const auto reg = registry::build(generator::generate(400, 99)).value();
  rng r(11);
  const std::vector<std::string> expressions = {
      "iso27001", "soc2", "soc2:type2", "soc1", "soc3[availability]", "pci-dss", "pci-dss:saq-a", "dpf",
      "dpf:uk-extension", "hipaa", "gdpr", "iso27017", "iso27001:2013", "iso27001 | soc2:type2",
      "(iso27001 & soc2) | pci-dss:roc", "iso27701 & iso27001", "csa-star", "c5 | isae3402"};
  std::vector<requirement> reqs;
  for (const auto& e : expressions) reqs.push_back(reg.parse(e));
  // Another registry: its preparations are answered here as the plain requirements.
  registry_data other_data = generator::generate(10, 5);
  framework_info extra;
  extra.id = framework_id("acme-review");
  other_data.frameworks.push_back(extra);
  const auto other = registry::build(other_data).value();
  std::vector<prepared_requirement> prepared, elsewhere;
  for (const auto& q : reqs) {
    prepared.push_back(reg.prepare(q));
    elsewhere.push_back(other.prepare(q));
  }
  const std::vector<std::string> services = {"api", "storage", "payments"};
  for (int i = 0; i < 3000; ++i) {
    const std::size_t vi = static_cast<std::size_t>(r.below(reg.size()));
    const std::string vendor = generator::vendor_name(vi);
    const auto& req = reqs[static_cast<std::size_t>(r.below(reqs.size()))];
    const date day = generator::random_day(r);
    query_options o;
    if (r.chance(25)) o.service = r.pick(services);
    if (r.chance(20)) o.policy.accept_inherited = true;
    if (r.chance(10)) o.policy.surveillance = surveillance_policy::strict;
    if (r.chance(10)) o.minimum_assurance = assurance::attested;
    const auto v = reg.check(vendor, req, day, o);
    INFO(vendor << " " << to_string(req) << " " << to_string(day));
    CHECK(v.covered() == reg.is_covered(vendor, req, day, o));
    CHECK(v.covered() == reg.is_covered(vendor, req, day, o)); // thread-safe, state-free: same answer twice
    // Prepared for this registry, for another one (answered as the plain requirement), or not.
    const auto at = static_cast<std::size_t>(&req - reqs.data());
    CHECK(reg.is_covered(vendor, req, day) == reg.is_covered(vendor, prepared[at], day));
    CHECK(reg.is_covered(vendor, req, day) == reg.is_covered(vendor, elsewhere[at], day));
    CHECK(v.covered() == reg.is_covered(vendor, prepared[at], day, o));
    CHECK(v.covered() == reg.is_covered(vendor, elsewhere[at], day, o));
    CHECK(to_string(v) == to_string(reg.check(vendor, prepared[at], day, o)));
    CHECK(to_string(v) == to_string(reg.check(vendor, elsewhere[at], day, o)));
    const auto c = reg.coverage(vendor, req, {day, day}, o);
    CHECK(v.covered() == c.covered.contains(day));
    if (v.covered()) {
      CHECK(v.covered_since);
      CHECK_FALSE(v.satisfied_by.empty());
      const auto run = reg.coverage(vendor, req, {*v.covered_since, v.covered_until.value_or(max_date())}, o);
      CHECK(run.gaps.empty());
      CHECK_FALSE(reg.is_covered(vendor, req, *v.covered_since - boost::gregorian::days(1), o));
      if (v.covered_until) CHECK_FALSE(reg.is_covered(vendor, req, *v.covered_until + boost::gregorian::days(1), o));
    } else {
      CHECK(v.status == coverage_status::not_covered);
      CHECK(std::any_of(v.findings.begin(), v.findings.end(), [](const finding& f) { return f.severity == severity::blocking; }));
      if (v.next_covered_from) CHECK(reg.is_covered(vendor, req, *v.next_covered_from, o));
    }
    if (i % 50 == 0) {
      const auto shortlist = reg.covered_vendors(req, day, o);
      const auto m = reg.matrix({req}, day, o);
      const auto ids = reg.vendor_ids();
      for (std::size_t k = 0; k < ids.size(); ++k) {
        const auto& id = ids[k];
        const bool covered = reg.check(id.str(), req, day, o).covered();
        CHECK(covered == (std::find(shortlist.begin(), shortlist.end(), id) != shortlist.end()));
        CHECK(covered == (m.cells[k][0].status != coverage_status::not_covered));
      }
    }
  }
}

TEST_CASE("G2 every id and alias of a large registry finds its own vendor, in any case; near misses find none") {
  // Enough names that many sit one or more slots from their home in the query index, with ids
  // both short (compared in the slot) and long (compared out of line).
  registry_builder b;
  const std::size_t count = 3000;
  auto id_of = [](std::size_t i) {
    return i % 3 == 0 ? "a-vendor-with-a-rather-long-name-" + std::to_string(i) : "v-" + std::to_string(i);
  };
  for (std::size_t i = 0; i < count; ++i) {
    auto v = b.vendor(id_of(i));
    v.certificate("iso27001").issued("2024-01-10").expires("2027-01-09");
    if (i % 4 == 0) v.alias("V" + std::to_string(i) + " Cloud");
  }
  const auto reg = b.build();
  auto upper = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
  };
  const auto req = reg.parse("iso27001");
  for (std::size_t i = 0; i < count; ++i) {
    const auto id = id_of(i);
    INFO(id);
    std::vector<std::string> names{id, upper(id)};
    if (i % 4 == 0) names.insert(names.end(), {"v" + std::to_string(i) + " cloud", "V" + std::to_string(i) + " CLOUD"});
    for (const auto& name : names) {
      const auto found = reg.find_vendor(name);
      REQUIRE(found.has_value());
      CHECK(found->id.str() == id);
      CHECK(reg.is_covered(name, req, date(2025, 1, 1)));
    }
    for (const auto& miss : {id + "x", id.substr(0, id.size() - 1) + "#", "v" + std::to_string(i) + " cloudy"}) {
      CHECK_FALSE(reg.find_vendor(miss).has_value());
      CHECK_FALSE(reg.is_covered(miss, req, date(2025, 1, 1)));
    }
  }
}

TEST_CASE("G5 C6 C11 C16 a query decodes only the evidence its requirement can read, and answers as from all of it") {
  // The same registry twice; the reference decodes every evidence of every vendor it reaches.
  const auto data = generator::generate(400, 31);
  const auto narrow = registry::build(data).value();
  const auto whole = registry::build(data).value();
  // `whole` is asked within a decode_everything scope: every evidence of every vendor it reaches.
  const auto everything = [](auto&& ask) {
    const detail::decode_everything all;
    return ask();
  };
  rng r(17);
  // C6 prerequisites (iso27017, iso27701 need iso27001), C11 equivalences (soc3, soc1, isae3402),
  // several atoms, and frameworks without evidence.
  const std::vector<std::string> expressions = {
      "iso27001",       "iso27017",        "iso27701:2019", "soc3",         "soc1",          "isae3402",
      "soc2:type2",     "soc2[availability]", "pci-dss",   "dpf:eu-us",    "hipaa",         "gdpr",
      "iso27017 | soc1", "(iso27701 & soc3) | hipaa", "iso27001:2022 & soc2", "c5 | hitrust"};
  const std::vector<std::string> services = {"api", "storage", "payments"};
  std::size_t covered = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string vendor = generator::vendor_name(static_cast<std::size_t>(r.below(400)));
    const auto& expr = expressions[static_cast<std::size_t>(r.below(expressions.size()))];
    const auto req_n = narrow.parse(expr), req_w = whole.parse(expr);
    const date day = generator::random_day(r);
    query_options o;
    if (r.chance(25)) o.service = r.pick(services);
    if (r.chance(30)) o.policy.accept_inherited = true; // C16: evidence of the vendors relied on
    if (r.chance(10)) o.policy.surveillance = surveillance_policy::strict;
    INFO(vendor << " " << expr << " " << to_string(day));
    const auto v = narrow.check(vendor, req_n, day, o);
    const auto w = everything([&] { return whole.check(vendor, req_w, day, o); });
    CHECK(to_string(v) == to_string(w));
    CHECK(v.findings.size() == w.findings.size());
    CHECK(narrow.is_covered(vendor, req_n, day, o) == everything([&] { return whole.is_covered(vendor, req_w, day, o); }));
    const interval year{day, day + boost::gregorian::days(365)};
    CHECK(narrow.coverage(vendor, req_n, year, o).covered ==
          everything([&] { return whole.coverage(vendor, req_w, year, o).covered; }));
    covered += v.covered() ? 1u : 0u;
  }
  CHECK(covered > 50); // the cases are not all "not covered"

  // Every vendor, asked about each framework it holds on each date its evidence states and the
  // day after: the rarer findings (withdrawn, suspended, removed from a list) are asked about
  // too. A rule that reads something a query leaves out answers differently here.
  std::size_t asked = 0;
  for (const auto& v : data.vendors) {
    for (const auto& e : v.evidence) {
      const auto req_n = narrow.parse(e.framework.str()), req_w = whole.parse(e.framework.str());
      fields::each_scalar(e, [&](const auto& value) {
        if constexpr (std::is_same_v<std::decay_t<decltype(value)>, date>) {
          if (value.is_special()) return;
          for (const date day : {value, value + boost::gregorian::days(1)}) {
            INFO(v.id.str() << " " << e.framework.str() << " " << to_string(day));
            CHECK(to_string(narrow.check(v.id.str(), req_n, day)) ==
                  everything([&] { return to_string(whole.check(v.id.str(), req_w, day)); }));
            ++asked;
          }
        }
      });
    }
  }
  CHECK(asked > 4000);
}

TEST_CASE("G5 the batch form of is_covered answers exactly as single calls, unknown vendors included") {
  const auto reg = registry::build(generator::generate(500, 21)).value();
  rng r(8);
  std::vector<std::string> names;
  for (int i = 0; i < 2000; ++i)
    names.push_back(r.chance(5) ? "nobody-" + std::to_string(i) : (r.chance(50) ? "VENDOR-" : "vendor-") + std::to_string(r.below(500)));
  std::vector<point_query> queries;
  for (const auto& n : names) queries.push_back({n, generator::random_day(r)});
  for (const char* expr : {"iso27001", "iso27001 | soc2", "(iso27001 & soc2) | pci-dss", "soc2:type2", "dpf:eu-us"}) {
    const auto req = reg.parse(expr);
    std::unique_ptr<bool[]> answers(new bool[queries.size()]);
    reg.is_covered(req, queries.data(), queries.size(), answers.get());
    for (std::size_t i = 0; i < queries.size(); ++i) {
      INFO(expr << " " << queries[i].vendor << " " << to_string(queries[i].on));
      CHECK(answers[i] == reg.is_covered(queries[i].vendor, req, queries[i].on));
      CHECK(answers[i] == reg.check(queries[i].vendor, req, queries[i].on).covered());
    }
  }
}

TEST_CASE("W1 the expiring worklist agrees with check() on generated registries") {
  const auto reg = registry::build(generator::generate(300, 5)).value();
  rng r(3);
  for (int i = 0; i < 20; ++i) {
    const date day = generator::random_day(r);
    for (const auto& item : reg.expiring(day, 60)) {
      INFO(item.message);
      CHECK(item.days_left >= 0);
      CHECK(item.days_left <= 60);
      const auto v = reg.check(item.vendor.str(), reg.parse(item.requirement), day);
      CHECK(v.covered());
      if (item.renewal != renewal_kind::surveillance_audit) {
        CHECK(v.covered_until == item.ends);
        CHECK_FALSE(reg.is_covered(item.vendor.str(), reg.parse(item.requirement), item.ends + boost::gregorian::days(1)));
      }
    }
  }
}

TEST_CASE("W3 a window agrees with check() on each of its days on generated registries") {
  const auto reg = registry::build(generator::generate(300, 41)).value();
  rng r(12);
  const std::vector<std::string> expressions = {"iso27001", "soc2:type2", "soc2 | iso27001", "pci-dss", "dpf:eu-us",
                                                "hipaa", "iso27017 & soc3", "c5 | hitrust", "iso27701"};
  std::size_t windows_with_gaps = 0, covered_throughout = 0, with_warnings = 0, days_checked = 0;
  for (int i = 0; i < 150; ++i) {
    const std::string vendor = generator::vendor_name(static_cast<std::size_t>(r.below(300)));
    auto req = reg.parse(r.pick(expressions));
    date first = generator::random_day(r);
    if (r.chance(60)) { // most windows start on a covered day of a framework the vendor holds
      const auto held = reg.find_vendor(vendor)->evidence;
      if (!held.empty()) req = reg.parse(held[static_cast<std::size_t>(r.below(held.size()))].framework.str());
      const auto cov = reg.coverage(vendor, req, {generator::span_first(), generator::span_last()});
      if (!cov.covered.empty()) {
        const auto& run = cov.covered.runs()[static_cast<std::size_t>(r.below(cov.covered.runs().size()))];
        first = run.first + boost::gregorian::days(static_cast<long>(r.below(static_cast<std::uint64_t>(std::min(run.days(), 400L)))));
      }
    }
    const interval range{first, first + boost::gregorian::days(static_cast<long>(r.below(r.chance(50) ? 60 : 500)))};
    query_options o;
    if (r.chance(20)) o.policy.accept_inherited = true;
    if (r.chance(20)) o.policy.surveillance = surveillance_policy::strict;
    INFO(vendor << " " << to_string(req) << " " << to_string(range.first) << " " << to_string(range.last));
    const window_result w = reg.window(vendor, req, range, o);
    REQUIRE(w.vendor.has_value());
    REQUIRE_FALSE(w.periods.empty());
    // The periods follow one another over the whole range, each different from the one before.
    CHECK(w.periods.front().days.first == range.first);
    CHECK(w.periods.back().days.last == range.last);
    for (std::size_t k = 1; k < w.periods.size(); ++k) {
      CHECK(w.periods[k].days.first == w.periods[k - 1].days.last + boost::gregorian::days(1));
      const auto& a = w.periods[k - 1];
      const auto& b = w.periods[k];
      bool same = a.status == b.status && a.satisfied_by == b.satisfied_by && a.findings.size() == b.findings.size();
      for (std::size_t f = 0; same && f < a.findings.size(); ++f)
        same = a.findings[f].code == b.findings[f].code && a.findings[f].evidence == b.findings[f].evidence &&
               a.findings[f].severity == b.findings[f].severity && a.findings[f].decisive == b.findings[f].decisive;
      CHECK_FALSE(same);
    }
    // Day by day: the period holding the day says what check() says that day; the covered days
    // (from the engine's interval sets) are the days check() says are covered.
    bool all_covered = true, any_warning = false;
    std::size_t p = 0;
    for (date day = range.first; day <= range.last; day += boost::gregorian::days(1)) {
      while (!w.periods[p].days.contains(day)) ++p;
      const auto& period = w.periods[p];
      const verdict v = reg.check(vendor, req, day, o);
      CHECK(period.status == v.status);
      CHECK(period.satisfied_by == v.satisfied_by);
      REQUIRE(period.findings.size() == v.findings.size());
      for (std::size_t f = 0; f < v.findings.size(); ++f) {
        CHECK(period.findings[f].code == v.findings[f].code);
        CHECK(period.findings[f].evidence == v.findings[f].evidence);
        if (day == period.days.first) CHECK(period.findings[f].message == v.findings[f].message);
      }
      CHECK(w.covered.contains(day) == v.covered());
      CHECK(w.gaps.contains(day) == !v.covered());
      all_covered = all_covered && v.covered();
      any_warning = any_warning || v.status == coverage_status::covered_with_warnings;
      ++days_checked;
    }
    CHECK(w.covered_throughout() == all_covered);
    CHECK(w.status == (!all_covered ? coverage_status::not_covered
                       : any_warning ? coverage_status::covered_with_warnings
                                     : coverage_status::covered));
    windows_with_gaps += all_covered ? 0u : 1u;
    covered_throughout += all_covered ? 1u : 0u;
    with_warnings += any_warning ? 1u : 0u;
  }
  // The cases are varied: windows with gaps, covered throughout, with warnings.
  CHECK(windows_with_gaps > 20);
  CHECK(covered_throughout > 5);
  CHECK(with_warnings > 2);
  CHECK(days_checked > 10000);

  // An unknown vendor, and ranges that are not ranges.
  CHECK_FALSE(reg.window("no-such-vendor", reg.parse("iso27001"), {date(2024, 1, 1), date(2024, 2, 1)}).vendor);
  const auto backwards = reg.window("vendor-1", reg.parse("iso27001"), {date(2024, 2, 1), date(2024, 1, 1)});
  CHECK(backwards.periods.empty());
  CHECK_FALSE(backwards.covered_throughout());
  const auto open = reg.window("vendor-1", reg.parse("iso27001"), {date(2024, 2, 1), date(boost::date_time::pos_infin)});
  CHECK(open.periods.empty());
}

TEST_CASE("W2 W3 a matrix over a window says, for each cell, what window() says") {
  const auto reg = registry::build(generator::generate(60, 43)).value();
  const std::vector<requirement> reqs = {reg.parse("iso27001"), reg.parse("soc2:type2"), reg.parse("hipaa | dpf")};
  const interval range{date(2023, 3, 1), date(2023, 8, 31)};
  query_options o;
  o.policy.surveillance = surveillance_policy::strict;
  const auto m = reg.matrix(reqs, range, o);
  CHECK(m.range == range);
  REQUIRE(m.vendors.size() == 60);
  CHECK(m.requirements == std::vector<std::string>{"iso27001", "soc2:type2", "hipaa | dpf"});
  std::size_t throughout = 0, gaps = 0;
  for (std::size_t i = 0; i < m.vendors.size(); ++i) {
    REQUIRE(m.cells[i].size() == reqs.size());
    for (std::size_t j = 0; j < reqs.size(); ++j) {
      const auto w = reg.window(m.vendors[i].str(), reqs[j], range, o);
      const auto& c = m.cells[i][j];
      CHECK(c.status == w.status);
      long gap_days = 0;
      for (const auto& g : w.gaps.runs()) gap_days += g.days();
      CHECK(c.gap_days == gap_days);
      CHECK(c.first_gap.has_value() == !w.gaps.empty());
      if (c.first_gap) CHECK(*c.first_gap == w.gaps.runs().front());
      throughout += w.covered_throughout() ? 1u : 0u;
      gaps += gap_days > 0 && gap_days < range.days() ? 1u : 0u;
    }
  }
  CHECK(throughout > 0);
  CHECK(gaps > 0);
}

TEST_CASE("W1 the worklist from the renewal index lists exactly what the scan of every vendor lists") {
  // Two registry policies (the index is built under the registry's), random dates and windows.
  for (const auto surveillance : {surveillance_policy::warn, surveillance_policy::strict}) {
    auto data = generator::generate(600, 47);
    data.policy.surveillance = surveillance;
    data.policy.surveillance_grace_days = surveillance == surveillance_policy::strict ? 30 : 10;
    // A merchant-only SAQ (C12): the index dates it by its own atom, as the worklist does.
    data.vendors[5].evidence.push_back(data.vendors[5].evidence.front());
    auto& saq = data.vendors[5].evidence.back();
    saq.id = evidence_id("vendor-5-saq-a");
    saq.framework = framework_id("pci-dss");
    saq.edition.reset();
    saq.scope.reset();
    saq.details = self_assessment{std::string("saq-a"), date(2024, 3, 1), std::nullopt, std::nullopt};
    const auto reg = registry::build(data).value();
    query_options scan; // an override equal to the registry's own policy: same answers, but the scan
    scan.policy.report_grace_months = reg.policy().report_grace_months;
    rng r(surveillance == surveillance_policy::warn ? 5 : 6);
    std::size_t items = 0, audits = 0;
    const auto key = [](const expiring_item& x) {
      return x.vendor.str() + " " + x.requirement + " " + (x.evidence ? x.evidence->str() : "") + " " + to_string(x.ends) +
             " " + std::string(to_string(x.renewal)) + " " + (x.grace_until ? to_string(*x.grace_until) : "") + " " +
             x.message;
    };
    for (int i = 0; i < 60; ++i) {
      const date day = generator::random_day(r);
      const long within = static_cast<long>(r.below(4) == 0 ? 0 : r.below(400));
      INFO(to_string(day) << " within " << within);
      const auto fast = reg.expiring(day, within);
      const auto slow = reg.expiring(day, within, scan);
      REQUIRE(fast.size() == slow.size());
      for (std::size_t k = 0; k < fast.size(); ++k) CHECK(key(fast[k]) == key(slow[k]));
      items += fast.size();
      for (const auto& x : fast) audits += x.renewal == renewal_kind::surveillance_audit ? 1u : 0u;
    }
    CHECK(items > 500);
    CHECK(audits > 10);
    // The SAQ's renewal is listed from the index too.
    const auto saq_items = reg.expiring(date(2025, 2, 1), 60);
    CHECK(std::any_of(saq_items.begin(), saq_items.end(),
                      [](const expiring_item& x) { return x.requirement == "pci-dss:saq-a"; }));
  }
}
