#include "compliance/surveillance.hpp"

// Surveillance cycles (C5): the catalog's cycles, the schedule of one certificate, and the rules,
// the renewal worklist (W1) and a registry's own cycles reading it.

#include "compliance/builder.hpp"
#include "compliance/json.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace compliance;

namespace {

date d(const char* s) { return date_from_string(s); }

certificate cert(const char* issued, const char* expires, std::vector<audit> audits) {
  certificate c;
  c.issued = d(issued);
  c.expires = d(expires);
  c.audits = std::move(audits);
  return c;
}

audit surveillance_audit(const char* on, audit_outcome outcome = audit_outcome::passed) {
  return {audit_kind::surveillance, d(on), outcome};
}

} // namespace

TEST_CASE("C5 the catalog's cycles: ISO/IEC 17021-1 three years with audits by months 12 and 24, HITRUST r2, none") {
  const auto& c = catalog::builtin();
  for (const char* iso : {"iso27001", "iso27017", "iso27018", "iso27701", "iso22301", "iso9001"}) {
    INFO(iso);
    REQUIRE(c.find(iso)->cycle);
    CHECK(c.find(iso)->cycle->months == 36);
    CHECK(c.find(iso)->cycle->interim_due_months == std::vector<int>{12, 24});
    CHECK(c.find(iso)->cycle->window_days == 0);
  }
  REQUIRE(c.find("hitrust")->cycle);
  CHECK(*c.find("hitrust")->cycle == surveillance_cycle{24, {12}, 90});
  for (const char* none : {"fedramp", "tisax", "cyber-essentials", "soc2", "pci-dss"}) {
    INFO(none);
    CHECK_FALSE(c.find(none)->cycle);
  }
}

TEST_CASE("C5 a schedule gives each due date, its grace limit, the audit that met it and its state on a date") {
  policy pol;
  pol.surveillance_grace_days = 30;
  const auto c = cert("2021-08-06", "2024-08-05", {surveillance_audit("2022-08-20"), surveillance_audit("2023-11-01")});
  const auto s = surveillance_schedule(c, surveillance_cycle::iso17021(), pol, d("2023-09-10"));
  REQUIRE(s.size() == 2);
  CHECK(s[0].number == 1);
  CHECK(s[0].due == d("2022-08-06"));
  CHECK(s[0].grace_until == d("2022-09-05"));
  REQUIRE(s[0].met_by);
  CHECK(s[0].met_by->on == d("2022-08-20"));
  CHECK(s[0].on_time);
  CHECK(s[0].state == surveillance_state::met);
  CHECK(s[1].due == d("2023-08-06"));
  CHECK(s[1].grace_until == d("2023-09-05"));
  REQUIRE(s[1].met_by);
  CHECK(s[1].met_by->on == d("2023-11-01"));
  CHECK_FALSE(s[1].on_time);
  CHECK(s[1].state == surveillance_state::overdue); // the late audit has not happened by 2023-09-10
  // The state moves with the date asked about.
  const auto state_on = [&](const char* on) {
    return surveillance_schedule(c, surveillance_cycle::iso17021(), pol, d(on))[1].state;
  };
  CHECK(state_on("2023-08-05") == surveillance_state::upcoming);
  CHECK(state_on("2023-08-06") == surveillance_state::due);
  CHECK(state_on("2023-09-05") == surveillance_state::due);
  CHECK(state_on("2023-09-06") == surveillance_state::overdue);
  CHECK(state_on("2023-11-01") == surveillance_state::made_up);
  CHECK(to_string(surveillance_state::made_up) == "made-up");
}

TEST_CASE("C5 due dates count from the issue date, only before the expiry; no audits list or ignore: none owed") {
  policy pol;
  // Month ends clamp from the anchor: 2020-02-29 + 12 months = 2021-02-28, + 24 months = 2022-02-28.
  auto s = surveillance_schedule(cert("2020-02-29", "2023-02-27", {}), surveillance_cycle::iso17021(), pol, d("2021-01-01"));
  REQUIRE(s.size() == 2);
  CHECK(s[0].due == d("2021-02-28"));
  CHECK(s[1].due == d("2022-02-28"));
  CHECK_FALSE(s[0].met_by);
  // A certificate expiring before month 24 owes one audit.
  CHECK(surveillance_schedule(cert("2022-01-01", "2023-12-31", {}), surveillance_cycle::iso17021(), pol, d("2022-06-01"))
            .size() == 1);
  certificate untracked = cert("2022-01-01", "2024-12-31", {});
  untracked.audits.reset();
  CHECK(surveillance_schedule(untracked, surveillance_cycle::iso17021(), pol, d("2023-06-01")).empty());
  pol.surveillance = surveillance_policy::ignore;
  CHECK(surveillance_schedule(cert("2022-01-01", "2024-12-31", {}), surveillance_cycle::iso17021(), pol, d("2023-06-01"))
            .empty());
}

TEST_CASE("C5 failed and earlier audits never count; a late audit makes up the date it missed first") {
  policy pol;
  const auto c = cert("2021-01-01", "2023-12-31",
                      {surveillance_audit("2021-12-01", audit_outcome::failed), {audit_kind::initial, d("2021-06-01"), audit_outcome::passed},
                       surveillance_audit("2022-03-01"), {audit_kind::special, d("2022-12-15"), audit_outcome::major_nonconformity}});
  const auto s = surveillance_schedule(c, surveillance_cycle::iso17021(), pol, d("2023-06-01"));
  REQUIRE(s.size() == 2);
  CHECK(s[0].met_by->on == d("2022-03-01")); // late for 2022-01-01
  CHECK(s[0].state == surveillance_state::made_up);
  CHECK(s[1].met_by->on == d("2022-12-15")); // a special audit with a major nonconformity still counts
  CHECK(s[1].state == surveillance_state::met);
}

TEST_CASE("C5 HITRUST r2: an interim assessment counts only in the 90 days before the first anniversary") {
  policy pol;
  const auto cycle = surveillance_cycle::hitrust_r2();
  const auto early = surveillance_schedule(cert("2023-03-01", "2025-02-28", {surveillance_audit("2023-11-30")}), cycle,
                                           pol, d("2024-04-01"));
  REQUIRE(early.size() == 1);
  CHECK(early[0].due == d("2024-03-01"));
  REQUIRE(early[0].window_from);
  CHECK(*early[0].window_from == d("2023-12-02"));
  CHECK_FALSE(early[0].met_by); // 92 days early: before the window
  CHECK(early[0].state == surveillance_state::overdue);
  const auto in_window = surveillance_schedule(cert("2023-03-01", "2025-02-28", {surveillance_audit("2023-12-02")}), cycle,
                                               pol, d("2024-04-01"));
  CHECK(in_window[0].state == surveillance_state::met);

  registry_builder b;
  b.vendor("h").certificate("hitrust").id("h-r2").issued("2023-03-01").expires("2025-02-28")
      .audit(audit_kind::surveillance, "2023-11-30");
  const auto reg = b.build();
  const auto v = reg.check("h", reg.parse("hitrust"), d("2024-06-01"));
  CHECK(v.covered());
  REQUIRE(v.has(finding_code::surveillance_overdue));
  CHECK(v.find(finding_code::surveillance_overdue)->message ==
        "Surveillance audit 1 of h-r2 was due on 2024-03-01 and none is recorded.");
}

TEST_CASE("C5 frameworks without a cycle owe no interim audits") {
  registry_builder b;
  b.vendor("f").certificate("fedramp").issued("2021-01-01").expires("2024-12-31").audit(audit_kind::surveillance, "2021-06-01");
  const auto reg = b.build();
  CHECK_FALSE(reg.check("f", reg.parse("fedramp"), d("2023-06-01")).has(finding_code::surveillance_overdue));
}

TEST_CASE("C5 a registry's frameworks section sets, overrides or removes a cycle, and saves it") {
  const std::string doc = R"({"format": "compliance-registry/1",
    "frameworks": [{"id": "iso27001", "surveillance_cycle": {"months": 36, "interim_due_months": [6, 12, 18, 24, 30]}},
                   {"id": "iso9001", "surveillance_cycle": null},
                   {"id": "fedramp", "surveillance_cycle": {"months": 12, "interim_due_months": [6], "window_days": 30}}],
    "vendors": [{"id": "a", "evidence": [
      {"id": "a-iso", "type": "certificate", "framework": "iso27001", "issued": "2022-01-01", "expires": "2024-12-31",
       "audits": [{"kind": "surveillance", "date": "2022-06-20", "outcome": "passed"}]},
      {"id": "a-9001", "type": "certificate", "framework": "iso9001", "issued": "2022-01-01", "expires": "2024-12-31",
       "audits": []},
      {"id": "a-fr", "type": "certificate", "framework": "fedramp", "issued": "2022-01-01", "expires": "2022-12-31",
       "audits": [{"kind": "surveillance", "date": "2022-05-01", "outcome": "passed"}]}]}]})";
  const auto reg = load(doc).value();
  REQUIRE(reg.frameworks().find("iso27001")->cycle);
  CHECK(reg.frameworks().find("iso27001")->cycle->interim_due_months.size() == 5);
  CHECK_FALSE(reg.frameworks().find("iso9001")->cycle);
  // iso27001: audit 1 met by 2022-07-01; audit 2 due 2023-01-01 missed.
  const auto iso = reg.check("a", reg.parse("iso27001"), d("2023-02-01"));
  REQUIRE(iso.has(finding_code::surveillance_overdue));
  CHECK(iso.find(finding_code::surveillance_overdue)->message.find("Surveillance audit 2 of a-iso was due on 2023-01-01") == 0);
  CHECK_FALSE(reg.check("a", reg.parse("iso9001"), d("2024-06-01")).has(finding_code::surveillance_overdue));
  // fedramp: 2022-05-01 is before the window (2022-06-01 to 2022-07-01).
  CHECK(reg.check("a", reg.parse("fedramp"), d("2022-08-01")).has(finding_code::surveillance_overdue));
  // Saved and loaded again, the cycles are the same.
  const auto again = load(to_json(reg.data())).value();
  CHECK(again.data() == reg.data());
  CHECK(again.frameworks().find("fedramp")->cycle == reg.frameworks().find("fedramp")->cycle);
  CHECK_FALSE(again.frameworks().find("iso9001")->cycle);
}

TEST_CASE("C5 a cycle's months must increase and fall within it: bad-value at its JSON pointer") {
  const auto r = load(R"({"format": "compliance-registry/1",
    "frameworks": [{"id": "iso27001", "surveillance_cycle": {"months": 24, "interim_due_months": [12, 12, 30]}}],
    "vendors": []})");
  REQUIRE_FALSE(r.has_value());
  REQUIRE(r.error().items.size() == 2);
  CHECK(r.error().items[0].code == errc::bad_value);
  CHECK(r.error().items[0].pointer == "/frameworks/0/surveillance_cycle/interim_due_months/1");
  CHECK(r.error().items[0].message.find("must increase") != std::string::npos);
  CHECK(r.error().items[1].pointer == "/frameworks/0/surveillance_cycle/interim_due_months/2");
  CHECK(r.error().items[1].message.find("within the cycle of 24 months") != std::string::npos);
  CHECK(r.error().items[0].line == 2);
  const auto missing = load(R"({"format": "compliance-registry/1",
    "frameworks": [{"id": "iso27001", "surveillance_cycle": {"interim_due_months": [12]}}], "vendors": []})");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().items[0].pointer == "/frameworks/0/surveillance_cycle/months");
}

TEST_CASE("W1 a surveillance audit is listed by its due date, its grace limit beside it") {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").id("acme-iso").issued("2022-08-06").expires("2025-08-05")
      .audit(audit_kind::surveillance, "2023-08-01");
  b.policy().surveillance_grace_days = 30;
  const auto reg = b.build();
  // Audit 2 falls due on 2024-08-06, on time through 2024-09-05.
  for (const char* on : {"2024-07-01", "2024-08-06", "2024-09-05"}) {
    INFO(on);
    const auto items = reg.expiring(d(on), 60);
    REQUIRE(items.size() == 1);
    CHECK(items[0].renewal == renewal_kind::surveillance_audit);
    CHECK(items[0].ends == d("2024-08-06"));
    REQUIRE(items[0].grace_until);
    CHECK(*items[0].grace_until == d("2024-09-05"));
    CHECK(items[0].days_left == (d("2024-08-06") - d(on)).days());
    CHECK(items[0].message.find("has surveillance audit 2 due on 2024-08-06") != std::string::npos);
    CHECK(items[0].message.find("(grace through 2024-09-05)") != std::string::npos);
  }
  CHECK(reg.expiring(d("2024-09-06"), 60).empty()); // the grace is over: overdue, not a renewal ahead
  CHECK(reg.expiring(d("2024-06-01"), 60).empty()); // not due within 60 days
  // Strict: coverage ends at the grace limit; the item still says when the audit was due.
  query_options strict;
  strict.policy.surveillance = surveillance_policy::strict;
  const auto items = reg.expiring(d("2024-08-10"), 60, strict);
  REQUIRE(items.size() == 1);
  CHECK(items[0].ends == d("2024-08-06"));
  CHECK(*items[0].grace_until == d("2024-09-05"));
}
