#include "compliance/framework.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("C4 the catalog holds the edition cut-offs as data") {
  const auto& c = catalog::builtin();
  const auto* iso = c.find("iso27001");
  REQUIRE(iso != nullptr);
  REQUIRE(iso->find_edition("2013") != nullptr);
  CHECK(iso->find_edition("2013")->last_day == date_from_string("2025-10-31"));
  CHECK(iso->find_edition("2013")->last_audit_day == date_from_string("2024-04-30"));
  CHECK(iso->find_edition("2005")->last_day == date_from_string("2015-09-30"));
  CHECK(c.find("iso9001")->find_edition("2008")->last_day == date_from_string("2018-09-15"));
  CHECK(c.find("iso22301")->find_edition("2012")->last_day == date_from_string("2023-04-30"));
  CHECK_FALSE(iso->find_edition("2022")->last_day);
}

TEST_CASE("C13 program start dates and needs are catalog rows") {
  const auto* dpf = catalog::builtin().find("dpf");
  REQUIRE(dpf != nullptr);
  CHECK(dpf->find_program("eu-us")->start == date_from_string("2023-07-10"));
  CHECK(dpf->find_program("uk-extension")->start == date_from_string("2023-10-12"));
  CHECK(dpf->find_program("uk-extension")->needs == std::vector<std::string>{"eu-us"});
  CHECK(dpf->find_program("swiss-us")->start == date_from_string("2024-09-15"));
  const auto* ps = catalog::builtin().find("privacy-shield");
  CHECK(ps->last_day == date_from_string("2020-07-15"));
  CHECK(ps->find_program("swiss-us")->start == date_from_string("2017-04-12"));
}

TEST_CASE("C12 PCI DSS rows: validity, editions in force, merchant-only variants") {
  const auto* pci = catalog::builtin().find("pci-dss");
  REQUIRE(pci != nullptr);
  CHECK(pci->validity_months == 12);
  CHECK(pci->find_edition("3.2.1")->in_force_through == date_from_string("2024-03-31"));
  CHECK(pci->find_edition("4.0")->in_force_from == date_from_string("2022-03-31"));
  CHECK(pci->find_edition("4.0.1")->in_force_from == date_from_string("2024-06-11"));
  for (const char* v : {"saq-a", "saq-a-ep", "saq-b", "saq-b-ip", "saq-c", "saq-c-vt", "saq-p2pe", "saq-spoc"})
    CHECK_MESSAGE(pci->is_merchant_only(v), v);
  CHECK_FALSE(pci->is_merchant_only("saq-d"));
  CHECK(pci->has_variant("roc"));
}

TEST_CASE("C6 C11 C14 prerequisites, equivalences and agreement defaults are catalog rows") {
  const auto& c = catalog::builtin();
  CHECK(c.find("iso27017")->requires == framework_id("iso27001"));
  CHECK(c.find("iso27018")->requires == framework_id("iso27001"));
  CHECK(c.find("iso27701")->find_edition("2019")->requires == framework_id("iso27001"));
  CHECK(c.find("iso27701")->default_edition == "2019");
  CHECK(c.find("isae3402")->satisfies == std::vector<equivalence>{{framework_id("soc1"), false}});
  CHECK(c.find("ssae16")->satisfies == std::vector<equivalence>{{framework_id("soc1"), false}});
  CHECK(c.find("soc2")->satisfies == std::vector<equivalence>{{framework_id("soc3"), true}});
  CHECK(c.find("soc3")->satisfies.empty());
  CHECK(c.find("hipaa")->requires_agreement == agreement_kind::baa);
  CHECK(c.find("gdpr")->requires_agreement == agreement_kind::dpa);
  CHECK(c.find("ccpa")->requires_agreement == agreement_kind::dpa);
}

TEST_CASE("G3 every built-in id of the format is in the catalog, and close words are suggested") {
  for (const char* id : {"iso27001", "iso27002", "iso27017", "iso27018", "iso27701", "iso22301", "iso9001", "soc1", "soc2",
                         "soc3", "isae3402", "isae3000", "ssae16", "hipaa", "hitrust", "pci-dss", "dpf", "privacy-shield",
                         "gdpr", "ccpa", "csa-star", "fedramp", "c5", "tisax", "cyber-essentials"})
    CHECK_MESSAGE(catalog::builtin().find(id) != nullptr, id);
  const auto near = catalog::builtin().closest("iso2701");
  REQUIRE_FALSE(near.empty());
  CHECK((near[0] == "iso27001" || near[0] == "iso27701"));
  CHECK(catalog::builtin().closest("soc-2").front() == "soc2");
  CHECK(catalog::builtin().closest("zzzzzzzzzzzz").empty());
}

TEST_CASE("G3 a document row overrides the built-in row of the same id") {
  framework_info row = *catalog::builtin().find("pci-dss");
  row.validity_months = 6;
  const catalog c(catalog::builtin(), {row});
  CHECK(c.find("pci-dss")->validity_months == 6);
  CHECK(c.rows().size() == catalog::builtin().rows().size());
}

TEST_CASE("G3 catalog ids are found exactly, whatever their length and however many rows") {
  // The index compares an id's first sixteen bytes as words, then the whole id: ids sharing a
  // long prefix, ids differing only in case or length, and a catalog grown row by row.
  std::vector<framework_info> rows;
  std::vector<std::string> ids;
  for (int i = 0; i < 300; ++i) {
    ids.push_back(i % 3 == 0 ? "framework-with-a-long-shared-prefix-" + std::to_string(i)
                             : (i % 3 == 1 ? "f" + std::to_string(i) : "mid-length-" + std::to_string(i)));
    framework_info r;
    r.id = framework_id(ids.back());
    r.validity_months = i + 1;
    rows.push_back(r);
  }
  const catalog c(catalog::builtin(), rows);
  CHECK(c.rows().size() == catalog::builtin().rows().size() + 300);
  for (int i = 0; i < 300; ++i) {
    const auto* row = c.find(ids[static_cast<std::size_t>(i)]);
    REQUIRE_MESSAGE(row != nullptr, ids[static_cast<std::size_t>(i)]);
    CHECK(row->validity_months == i + 1);
  }
  CHECK(c.find("framework-with-a-long-shared-prefix-") == nullptr);
  CHECK(c.find("framework-with-a-long-shared-prefix-3000") == nullptr);
  CHECK(c.find("F1") == nullptr);
  CHECK(c.find("ISO27001") == nullptr);
  CHECK(c.find("") == nullptr);
  CHECK(c.find("iso27001") == catalog::builtin().find("iso27001") - catalog::builtin().rows().data() + c.rows().data());
}
