#ifndef COMPLIANCE_DOCTEST_HPP
#define COMPLIANCE_DOCTEST_HPP

/// \file
/// Assertions for other products' doctest suites:
///
/// \code
/// CHECK_COVERED(reg, "acme", "iso27001", "2025-06-01");
/// CHECK_NOT_COVERED(reg, "acme", "soc2:type2", "2025-06-01");
/// REQUIRE_COVERED(reg, "acme", "hipaa", "2025-06-01", options);   // with query_options
/// \endcode
///
/// On failure the message prints the whole verdict: status, run, evidence, every finding.
/// A malformed requirement or date throws (doctest reports it with its message).

#include "compliance/registry.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace compliance::testing {

/// The verdict for the assertion macros: parses `req` against the registry's catalog and the
/// strict date `on`; throws expression_failure or std::invalid_argument on bad input.
inline verdict check(const registry& reg, std::string_view vendor, std::string_view req, std::string_view on,
                     const query_options& options = {}) {
  return reg.check(vendor, reg.parse(req), date_from_string(on), options);
}

/// The failure message: what was asked, then the verdict.
inline std::string describe(const verdict& v, std::string_view vendor, std::string_view req, bool expected) {
  return std::string("expected ") + std::string(vendor) + " " + (expected ? "covered" : "not covered") + " for " +
         std::string(req) + ":\n" + to_string(v);
}

} // namespace compliance::testing

#define COMPLIANCE_DETAIL_ASSERT_COVERAGE(ASSERT, EXPECTED, REG, VENDOR, REQ, ...)                               \
  do {                                                                                                          \
    const ::compliance::verdict compliance_verdict_ = ::compliance::testing::check(REG, VENDOR, REQ, __VA_ARGS__); \
    ASSERT(compliance_verdict_.covered() == (EXPECTED),                                                           \
           ::compliance::testing::describe(compliance_verdict_, VENDOR, REQ, EXPECTED));                        \
  } while (false)

/// Checks that VENDOR is covered for REQ on the date (`CHECK_COVERED(reg, vendor, req, date[, options])`).
#define CHECK_COVERED(REG, VENDOR, REQ, ...) COMPLIANCE_DETAIL_ASSERT_COVERAGE(DOCTEST_CHECK_MESSAGE, true, REG, VENDOR, REQ, __VA_ARGS__)
/// Like CHECK_COVERED, but stops the test case on failure.
#define REQUIRE_COVERED(REG, VENDOR, REQ, ...) COMPLIANCE_DETAIL_ASSERT_COVERAGE(DOCTEST_REQUIRE_MESSAGE, true, REG, VENDOR, REQ, __VA_ARGS__)
/// Checks that VENDOR is not covered for REQ on the date.
#define CHECK_NOT_COVERED(REG, VENDOR, REQ, ...) COMPLIANCE_DETAIL_ASSERT_COVERAGE(DOCTEST_CHECK_MESSAGE, false, REG, VENDOR, REQ, __VA_ARGS__)
/// Like CHECK_NOT_COVERED, but stops the test case on failure.
#define REQUIRE_NOT_COVERED(REG, VENDOR, REQ, ...) COMPLIANCE_DETAIL_ASSERT_COVERAGE(DOCTEST_REQUIRE_MESSAGE, false, REG, VENDOR, REQ, __VA_ARGS__)

#endif
