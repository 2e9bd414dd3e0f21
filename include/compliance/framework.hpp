#ifndef COMPLIANCE_FRAMEWORK_HPP
#define COMPLIANCE_FRAMEWORK_HPP

/// \file
/// The framework catalog: what each framework id means, its editions and their cut-offs,
/// programs, variants, criteria, equivalences and prerequisites. The built-in rows are one
/// data table (src/catalog.cpp); a registry may add or override rows.

#include "compliance/detail/fields.hpp"
#include "compliance/date.hpp"
#include "compliance/evidence.hpp"
#include "compliance/id.hpp"
#include "compliance/surveillance.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace compliance {

/// An edition (version) of a framework: `2022` of ISO/IEC 27001, `4.0.1` of PCI DSS.
struct edition {
  std::string id;
  std::optional<date> in_force_from;    ///< C12 lint: first day assessments may use it
  std::optional<date> in_force_through; ///< C12 lint: last day assessments may use it (retirement never ends a valid one)
  std::optional<date> last_day;         ///< C4: certificates of this edition cover nothing after it
  std::optional<date> last_audit_day;   ///< C4 lint: no initial or recertification audit after it
  std::optional<framework_id> requires; ///< C6, edition-level (iso27701:2019 needs iso27001)
};
BOOST_DESCRIBE_STRUCT(edition, (), (id, in_force_from, in_force_through, last_day, last_audit_day, requires))

/// A program of a listing framework (C13): `eu-us` of `dpf`, starting on `start`.
struct program {
  std::string id;
  date start;
  std::vector<std::string> needs; ///< other programs of the same listing it cannot stand without
};
BOOST_DESCRIBE_STRUCT(program, (), (id, start, needs))

/// C11: reports of this framework also satisfy `target` (only type 2 reports when `type2_only`).
struct equivalence {
  framework_id target;
  bool type2_only = false;
};
BOOST_DESCRIBE_STRUCT(equivalence, (), (target, type2_only))

/// One row of the catalog.
struct framework_info {
  framework_id id;
  std::string name;
  evidence_type typical = evidence_type::certificate; ///< the evidence this framework is usually shown by
  bool certifiable = true;                ///< C18: false for guidance and laws (no certificate exists)
  std::optional<int> validity_months;     ///< C12: how long a self-assessment lasts
  std::vector<edition> editions;
  std::optional<std::string> default_edition; ///< the edition evidence without one is read as (C6: iso27701 → 2019)
  std::vector<program> programs;          ///< C13
  std::optional<date> last_day;           ///< C13: the whole framework was invalidated after it
  std::vector<std::string> variants;      ///< C12: `saq-a`, `saq-d`, `roc`, `caiq`, ...
  std::vector<std::string> merchant_only_variants; ///< C12: never satisfy a bare requirement
  std::vector<std::string> criteria;      ///< C10: the categories a report may include
  std::vector<std::string> implied_criteria; ///< C10: always included (`security`)
  std::vector<equivalence> satisfies;     ///< C11
  std::optional<framework_id> requires;   ///< C6
  std::optional<agreement_kind> requires_agreement; ///< C14: hipaa → baa
  std::optional<surveillance_cycle> cycle; ///< C5: the certification cycle (none: no interim audits are owed)

  /// The edition row called `id`, or nullptr.
  const edition* find_edition(std::string_view id) const noexcept;
  /// The program row called `id`, or nullptr.
  const program* find_program(std::string_view id) const noexcept;
  /// True when `v` is one of `variants`.
  bool has_variant(std::string_view v) const noexcept;
  /// True when `v` is a merchant-only variant (C12).
  bool is_merchant_only(std::string_view v) const noexcept;
  /// True when `c` is one of `criteria`.
  bool has_criterion(std::string_view c) const noexcept;
  /// True when type1/type2 qualifiers apply (report frameworks).
  bool has_report_types() const noexcept { return typical == evidence_type::report; }
};
BOOST_DESCRIBE_STRUCT(framework_info, (), (id, name, typical, certifiable, validity_months, editions, default_edition, programs, last_day, variants, merchant_only_variants, criteria, implied_criteria, satisfies, requires, requires_agreement, cycle))

/// An immutable set of framework rows, looked up by id.
class catalog {
public:
  /// The built-in catalog (the table in src/model/catalog.cpp).
  static const catalog& builtin();

  /// A catalog of `rows`; a row whose id repeats an earlier one replaces it.
  explicit catalog(std::vector<framework_info> rows);
  /// `base` with `rows` added, each replacing the row of the same id.
  catalog(const catalog& base, std::vector<framework_info> rows);

  /// The row for `id` (exact, lower-case), or nullptr.
  const framework_info* find(std::string_view id) const noexcept;
  /// Every row, in table order.
  const std::vector<framework_info>& rows() const noexcept { return rows_; }
  /// Up to `n` ids closest to `word` (edit distance), for "did you mean" answers (G3).
  std::vector<std::string> closest(std::string_view word, std::size_t n = 3) const;

private:
  std::vector<framework_info> rows_;
  void add(std::vector<framework_info> rows);
  void insert(std::size_t row);
  /// The lookup table of the ids, in words (its layout is catalog.cpp's).
  std::vector<std::uint64_t> index_;
};

/// Up to `n` of `candidates` closest to `word` by edit distance (case-insensitive), closest
/// first; only reasonably close ones are returned.
std::vector<std::string> closest_words(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t n = 3);

} // namespace compliance

#endif
