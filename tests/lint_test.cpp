#include "compliance/json.hpp"

// lint: the load errors of a document plus the warnings the coverage rules ask for. Cases are
// named after the rule they pin; F1/F2 are registry-format.md's general rules (see json_test.cpp).

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace compliance;

namespace {

/// A document with one vendor `acme` holding `evidence` (a JSON object or several, comma-separated).
std::string with_evidence(const std::string& evidence, const std::string& extra = "") {
  return R"({"format": "compliance-registry/1",)" + extra + R"( "vendors": [{"id": "acme", "evidence": [)" +
         evidence + "]}]}";
}

std::vector<diagnostic> findings(const std::vector<diagnostic>& all, const std::string& code) {
  std::vector<diagnostic> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const diagnostic& d) { return d.lint_code == code; });
  return out;
}

std::vector<diagnostic> lint_code(const std::string& text, const std::string& code) { return findings(lint(text), code); }

std::string cert_json(const std::string& framework, const std::string& more = "") {
  return R"({"id": "c1", "type": "certificate", "framework": ")" + framework +
         R"(", "issued": "2023-01-01", "expires": "2025-12-31")" + more + "}";
}

std::string report_json(const std::string& framework, const std::string& more) {
  return R"({"id": "r1", "type": "report", "framework": ")" + framework + R"(")" + more + "}";
}

std::string type2(const std::string& from, const std::string& to) {
  return R"(, "report_type": "type2", "period": {"from": ")" + from + R"(", "to": ")" + to + R"("})";
}

std::string pci(const std::string& edition, const std::string& completed) {
  return R"({"id": "p1", "type": "self-assessment", "framework": "pci-dss", "variant": "saq-d", "edition": ")" +
         edition + R"(", "completed": ")" + completed + R"("})";
}

std::string suspension(const std::string& events) {
  return cert_json("iso27001", R"(, "status": [)" + events + "]");
}

} // namespace

TEST_CASE("C18 lint warns not-certifiable for an iso27002 certificate") {
  const auto found = lint_code(with_evidence(cert_json("iso27002")), "not-certifiable");
  REQUIRE(found.size() == 1);
  CHECK(found[0].level == diagnostic_level::warning);
  CHECK(found[0].pointer == "/vendors/0/evidence/0/framework");
  CHECK(found[0].line == 1);
  CHECK(found[0].column > 1);
  CHECK(found[0].message.find("27002") != std::string::npos);
  CHECK(found[0].message.find("27001") != std::string::npos);
  // A warning never refuses the document.
  CHECK(load(with_evidence(cert_json("iso27002"))).has_value());
}

TEST_CASE("C18 lint warns not-certifiable for certificates of laws (hipaa, gdpr, ccpa), not for iso27001") {
  for (const char* law : {"hipaa", "gdpr", "ccpa"}) {
    CAPTURE(law);
    const auto found = lint_code(with_evidence(cert_json(law)), "not-certifiable");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("attestation") != std::string::npos);
  }
  CHECK(lint(with_evidence(cert_json("iso27001"))).empty());
  // An attestation of a law is the right record: nothing to say.
  CHECK(lint(with_evidence(R"({"id": "h", "type": "attestation", "framework": "hipaa", "since": "2024-01-01"})")).empty());
  // The document's frameworks section decides: a row declared not certifiable is warned about.
  const auto own = lint_code(with_evidence(cert_json("acme-review"),
                                           R"( "frameworks": [{"id": "acme-review", "certifiable": false}],)"),
                             "not-certifiable");
  CHECK(own.size() == 1);
}

TEST_CASE("C11 lint warns ssae16-label for an SSAE 16 report dated on or after 2017-05-01") {
  // Dated by `issued` when present.
  CHECK(lint_code(with_evidence(report_json("ssae16", type2("2016-05-01", "2017-03-31") + R"(, "issued": "2017-05-01")")),
                  "ssae16-label").size() == 1);
  CHECK(lint_code(with_evidence(report_json("ssae16", type2("2016-05-01", "2017-03-31") + R"(, "issued": "2017-04-30")")),
                  "ssae16-label").empty());
  // Otherwise by the period end of a type 2, or the as_of of a type 1.
  const auto by_period = lint_code(with_evidence(report_json("ssae16", type2("2017-01-01", "2017-12-31"))), "ssae16-label");
  REQUIRE(by_period.size() == 1);
  CHECK(by_period[0].pointer == "/vendors/0/evidence/0/framework");
  CHECK(by_period[0].message.find("2017-12-31") != std::string::npos);
  CHECK(by_period[0].message.find("SSAE 18") != std::string::npos);
  CHECK(lint_code(with_evidence(report_json("ssae16", type2("2015-10-01", "2016-03-31"))), "ssae16-label").empty());
  CHECK(lint_code(with_evidence(report_json("ssae16", R"(, "report_type": "type1", "as_of": "2018-01-01")")), "ssae16-label")
            .size() == 1);
  // Other labels are not concerned.
  CHECK(lint_code(with_evidence(report_json("soc1", type2("2018-01-01", "2018-12-31"))), "ssae16-label").empty());
}

TEST_CASE("C12 lint warns pci-edition-not-in-force when a PCI DSS edition was not in force on completion") {
  CHECK(lint_code(with_evidence(pci("4.0", "2024-12-31")), "pci-edition-not-in-force").empty());
  CHECK(lint_code(with_evidence(pci("4.0", "2022-03-31")), "pci-edition-not-in-force").empty());
  CHECK(lint_code(with_evidence(pci("4.0", "2025-01-01")), "pci-edition-not-in-force").size() == 1);
  CHECK(lint_code(with_evidence(pci("4.0", "2022-03-30")), "pci-edition-not-in-force").size() == 1);
  CHECK(lint_code(with_evidence(pci("3.2.1", "2024-03-31")), "pci-edition-not-in-force").empty());
  CHECK(lint_code(with_evidence(pci("3.2.1", "2024-04-01")), "pci-edition-not-in-force").size() == 1);
  CHECK(lint_code(with_evidence(pci("4.0.1", "2024-06-10")), "pci-edition-not-in-force").size() == 1);
  const auto found = lint_code(with_evidence(pci("4.0.1", "2024-06-10")), "pci-edition-not-in-force");
  REQUIRE(found.size() == 1);
  CHECK(found[0].level == diagnostic_level::warning);
  CHECK(found[0].pointer == "/vendors/0/evidence/0/edition");
  CHECK(found[0].message.find("2024-06-11") != std::string::npos);
  // No edition, nothing to check.
  CHECK(lint(with_evidence(R"({"id": "p", "type": "self-assessment", "framework": "pci-dss", "completed": "2010-01-01"})"))
            .empty());
}

TEST_CASE("C4 an ISO/IEC 27001:2013 initial or recertification audit after 2024-04-30 is a lint error, not a load error") {
  const std::string late = with_evidence(cert_json(
      "iso27001", R"(, "edition": "2013", "audits": [
        {"kind": "surveillance", "date": "2024-06-01", "outcome": "passed"},
        {"kind": "recertification", "date": "2024-05-01", "outcome": "passed"}])"));
  const auto found = lint_code(late, "iso27001-2013-audit-after-transition");
  REQUIRE(found.size() == 1);
  CHECK(found[0].level == diagnostic_level::error);
  CHECK(found[0].pointer == "/vendors/0/evidence/0/audits/1/date");
  CHECK(found[0].line == 3);
  CHECK(found[0].message.find("2024-04-30") != std::string::npos);
  CHECK(load(late).has_value()); // lint-only: the document still loads
  // On the last day, or a surveillance audit after it, or another edition: nothing.
  CHECK(lint(with_evidence(cert_json("iso27001", R"(, "edition": "2013", "audits": [
        {"kind": "initial", "date": "2024-04-30", "outcome": "passed"},
        {"kind": "surveillance", "date": "2025-01-01", "outcome": "passed"}])")))
            .empty());
  CHECK(lint(with_evidence(cert_json("iso27001", R"(, "edition": "2022", "audits": [
        {"kind": "initial", "date": "2025-01-01", "outcome": "passed"}])")))
            .empty());
}

TEST_CASE("C8 lint warns short-period for a type 2 period under six months") {
  // add_months(2024-01-01, 6) - 1 day = 2024-06-30: a period through it is six months.
  CHECK(lint_code(with_evidence(report_json("soc2", type2("2024-01-01", "2024-06-30"))), "short-period").empty());
  const auto found = lint_code(with_evidence(report_json("soc2", type2("2024-01-01", "2024-06-29"))), "short-period");
  REQUIRE(found.size() == 1);
  CHECK(found[0].pointer == "/vendors/0/evidence/0/period");
  CHECK(found[0].message.find("2024-06-29") != std::string::npos);
  // Month ends clamp: 2023-08-31 + 6 months = 2024-02-29.
  CHECK(lint_code(with_evidence(report_json("soc2", type2("2023-08-31", "2024-02-28"))), "short-period").empty());
  CHECK(lint_code(with_evidence(report_json("soc2", type2("2023-08-31", "2024-02-27"))), "short-period").size() == 1);
  // A type 1 has no period to judge.
  CHECK(lint(with_evidence(report_json("soc2", R"(, "report_type": "type1", "as_of": "2024-01-01")"))).empty());
}

TEST_CASE("C2 lint warns suspension-exceeds-6-months, counting an open suspension as exceeding") {
  const std::string code = "suspension-exceeds-6-months";
  CHECK(lint_code(with_evidence(suspension(R"({"state": "suspended", "from": "2024-01-01", "to": "2024-06-30"})")), code)
            .empty());
  const auto closed =
      lint_code(with_evidence(suspension(R"({"state": "suspended", "from": "2024-01-01", "to": "2024-07-01"})")), code);
  REQUIRE(closed.size() == 1);
  CHECK(closed[0].pointer == "/vendors/0/evidence/0/status/0");
  CHECK(closed[0].message.find("certification body") != std::string::npos);
  CHECK(lint_code(with_evidence(suspension(R"({"state": "suspended", "from": "2024-01-01"})")), code).size() == 1);
  // Open, but ended by the first reinstatement on or after it: through the day before.
  CHECK(lint_code(with_evidence(suspension(R"({"state": "reinstated", "from": "2023-01-01"},
      {"state": "suspended", "from": "2024-01-01"}, {"state": "reinstated", "from": "2024-07-01"})")), code)
            .empty());
  CHECK(lint_code(with_evidence(suspension(R"({"state": "suspended", "from": "2024-01-01"},
      {"state": "reinstated", "from": "2024-07-02"})")), code)
            .size() == 1);
  CHECK(lint_code(with_evidence(suspension(R"({"state": "suspended", "from": "2024-01-01"},
      {"state": "reinstated", "from": "2025-01-01"}, {"state": "reinstated", "from": "2024-03-01"})")), code)
            .empty());
}

TEST_CASE("C13 lint warns when uk-extension is listed without eu-us") {
  auto listing = [](const std::string& programs) {
    return with_evidence(R"({"id": "l", "type": "listing", "framework": "dpf", "programs": [)" + programs +
                         R"(], "listed": "2024-01-01", "next_due": "2025-01-01"})");
  };
  const auto found = lint_code(listing(R"("uk-extension", "swiss-us")"), "program-prerequisite-missing");
  REQUIRE(found.size() == 1);
  CHECK(found[0].pointer == "/vendors/0/evidence/0/programs/0");
  CHECK(found[0].message.find("eu-us") != std::string::npos);
  CHECK(lint(listing(R"("eu-us", "uk-extension", "swiss-us")")).empty());
  const auto unknown = lint_code(listing(R"("eu-us", "eu-uk")"), "unknown-program");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].pointer == "/vendors/0/evidence/0/programs/1");
}

TEST_CASE("G3 lint warns about editions and variants the catalog does not list") {
  CHECK(lint_code(with_evidence(cert_json("iso27001", R"(, "edition": "2023")")), "unknown-edition").size() == 1);
  CHECK(lint_code(with_evidence(R"({"id": "p", "type": "self-assessment", "framework": "pci-dss", "variant": "saq-z",
      "completed": "2024-01-01"})"), "unknown-variant").size() == 1);
  // A framework without editions (hipaa) takes any.
  CHECK(lint(with_evidence(R"({"id": "h", "type": "attestation", "framework": "hipaa", "edition": "2013",
      "since": "2024-01-01"})")).empty());
}

TEST_CASE("F1 lint warns unknown-field for every field the format does not define, with a suggestion") {
  const auto all = lint(R"({"format": "compliance-registry/1", "extra": 1,
  "vendors": [{"id": "acme", "nmae": "Acme", "evidence": [
    {"id": "c", "type": "certificate", "framework": "iso27001", "issued": "2023-01-01", "expires": "2025-12-31",
     "expiry": "2026-01-01", "scope": {"service": ["x"]}}]}]})");
  const auto found = findings(all, "unknown-field");
  REQUIRE(found.size() == 4);
  CHECK(all.size() == 4);
  CHECK(found[0].pointer == "/extra");
  CHECK(found[1].pointer == "/vendors/0/nmae");
  CHECK(found[1].message.find("(did you mean: name?)") != std::string::npos);
  CHECK(found[2].pointer == "/vendors/0/evidence/0/expiry");
  CHECK(found[3].pointer == "/vendors/0/evidence/0/scope/service");
  CHECK(found[3].message.find("(did you mean: services?)") != std::string::npos);
  for (const auto& d : found) {
    CHECK(d.level == diagnostic_level::warning);
    CHECK(d.line >= 1);
    CHECK(d.column >= 1);
  }
  // A field of another evidence type is unknown here.
  CHECK(lint_code(with_evidence(cert_json("iso27001", R"(, "period": {"from": "2023-01-01", "to": "2023-12-31"})")),
                  "unknown-field").size() == 1);
}

TEST_CASE("C16 lint reports load errors with their errc names, alongside the warnings, in document order") {
  const auto all = lint(R"({"format": "compliance-registry/1", "vendors": [
  {"id": "a", "relies_on": [{"vendor": "b"}], "evidence": [
    {"id": "x", "type": "certificate", "framework": "iso27002", "issued": "2023-01-01", "expires": "2025-12-31"}]},
  {"id": "b", "relies_on": [{"vendor": "a"}]},
  {"id": "c", "relies_on": [{"vendor": "nobody"}]}]})");
  REQUIRE(all.size() == 3);
  CHECK(all[0].lint_code == "not-certifiable");
  CHECK(all[0].line == 3);
  CHECK(all[1].lint_code == "relies-on-cycle");
  CHECK(all[1].level == diagnostic_level::error);
  CHECK(all[1].code == errc::relies_on_cycle);
  CHECK(all[1].line == 4);
  CHECK(all[2].lint_code == "dangling-reference");
  CHECK(all[2].line == 5);
}

TEST_CASE("F2 lint of a document with value errors reports them, and still checks the records that read cleanly") {
  const auto all = lint(with_evidence(cert_json("iso27002") + "," +
                                      R"({"id": "bad", "type": "certificate", "framework": "iso27002", "issued": "2023-02-30",
                                          "expires": "2025-12-31"})"));
  REQUIRE(all.size() == 2);
  CHECK(all[0].lint_code == "not-certifiable");
  CHECK(all[0].pointer == "/vendors/0/evidence/0/framework");
  CHECK(all[1].lint_code == "bad-date");
  CHECK(all[1].pointer == "/vendors/0/evidence/1/issued");
}

TEST_CASE("F2 lint of text that is not JSON gives the one syntax error with its position") {
  const auto all = lint("{\"format\": \"compliance-registry/1\",\n  \"vendors\": [}\n");
  REQUIRE(all.size() == 1);
  CHECK(all[0].lint_code == "syntax");
  CHECK(all[0].line == 2);
  CHECK(all[0].column == 15);
  const auto missing = lint_file("/nonexistent/registry.json");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].lint_code == "io-error");
  CHECK(missing[0].message.find("/nonexistent/registry.json") != std::string::npos);
}

TEST_CASE("C2 C8 the lint and the engine read one threshold: they agree on every day around it") {
  // C2: suspensions from 2024-01-01 ending on each day around six months later.
  for (date end = date_from_string("2024-06-20"); end <= date_from_string("2024-07-10"); end = add_days(end, 1)) {
    const std::string doc = with_evidence(suspension(R"({"state": "suspended", "from": "2024-01-01", "to": ")" +
                                                     to_string(end) + R"("})"));
    INFO(to_string(end));
    const bool lint_long = !lint_code(doc, "suspension-exceeds-6-months").empty();
    const auto reg = load(doc).value();
    const auto v = reg.check("acme", reg.parse("iso27001"), date_from_string("2024-02-01"));
    REQUIRE(v.has(finding_code::suspended));
    const bool engine_long = v.find(finding_code::suspended)->message.find("over 6 months") != std::string::npos;
    CHECK(lint_long == engine_long);
    CHECK(lint_long == (end >= date_from_string("2024-07-01")));
  }
  // C8: type 2 periods from 2024-01-01 ending on each day around six months later.
  for (date to = date_from_string("2024-06-20"); to <= date_from_string("2024-07-10"); to = add_days(to, 1)) {
    const std::string doc = with_evidence(report_json("soc2", type2("2024-01-01", to_string(to))));
    INFO(to_string(to));
    const bool lint_short = !lint_code(doc, "short-period").empty();
    const auto reg = load(doc).value();
    const bool engine_short = reg.check("acme", reg.parse("soc2"), date_from_string("2024-03-01")).has(finding_code::short_period);
    CHECK(lint_short == engine_short);
    CHECK(lint_short == (to < date_from_string("2024-06-30")));
  }
}
