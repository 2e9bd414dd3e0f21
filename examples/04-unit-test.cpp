// 04 — another product's unit test: "our checkout service may only call payment vendors that
// are covered". The test builds the registry it needs with the builder and states what must be
// covered with compliance/doctest.hpp; a failure prints the whole verdict.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <compliance/builder.hpp>
#include <compliance/doctest.hpp>

namespace {

/// The vendors our checkout service depends on, as of the last vendor review.
compliance::registry checkout_vendors() {
  using compliance::agreement_kind;
  using compliance::audit_kind;
  compliance::registry_builder b;
  b.vendor("payfast").name("PayFast Ltd.").certificate("iso27001").edition("2022")
      .issued("2024-02-01").expires("2027-01-31")
      .audit(audit_kind::surveillance, "2025-01-20");
  b.vendor("payfast").self_assessment("pci-dss").variant("saq-d").completed("2024-09-01");
  b.vendor("mailcat").report("soc2").period("2024-01-01", "2024-12-31").criteria({"security", "availability"});
  b.vendor("mailcat").attestation("hipaa").since("2024-01-01");
  b.vendor("mailcat").agreement(agreement_kind::baa, "2024-03-01", "2025-02-28");
  return b.build();
}

} // namespace

TEST_CASE("checkout: the payment processor is covered for PCI DSS and ISO/IEC 27001") {
  const auto reg = checkout_vendors();
  CHECK_COVERED(reg, "payfast", "pci-dss", "2025-06-01");                 // C12: 12 months from 2024-09-01
  CHECK_COVERED(reg, "payfast", "iso27001:2022 & pci-dss", "2025-06-01");
  CHECK_NOT_COVERED(reg, "payfast", "pci-dss", "2025-09-01");             // the AOC has lapsed
}

TEST_CASE("checkout: the e-mail vendor's SOC 2 includes availability and stays current") {
  const auto reg = checkout_vendors();
  CHECK_COVERED(reg, "mailcat", "soc2:type2[availability]", "2025-06-30"); // C7: report grace
  CHECK_NOT_COVERED(reg, "mailcat", "soc2:type2[privacy]", "2025-06-30");  // C10: criteria missing
}

TEST_CASE("checkout: HIPAA only counts while our BAA is in force") {
  const auto reg = checkout_vendors();
  CHECK_COVERED(reg, "mailcat", "hipaa", "2024-06-01");     // C14
  CHECK_NOT_COVERED(reg, "mailcat", "hipaa", "2025-03-01"); // the BAA ended on 2025-02-28
}
