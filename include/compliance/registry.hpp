#ifndef COMPLIANCE_REGISTRY_HPP
#define COMPLIANCE_REGISTRY_HPP

/// \file
/// The immutable registry and the as-of-date query API (G1–G5, W1–W4).
///
/// A registry is built once from `registry_data` (by hand, with the builder, or from a file
/// through json.hpp), then only read: every query is a `const` member, safe to call from many
/// threads at once. To replace the data while queries run, publish a new
/// `std::shared_ptr<const registry>` atomically (`std::atomic_store`) and have readers take
/// their own copy (`std::atomic_load`) for the duration of a query.

#include "compliance/detail/fields.hpp"
#include "compliance/error.hpp"
#include "compliance/framework.hpp"
#include "compliance/policy.hpp"
#include "compliance/requirement.hpp"
#include "compliance/vendor.hpp"
#include "compliance/verdict.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace compliance {

/// Everything a registry document holds, as plain values.
struct registry_data {
  policy_overrides policy;                 ///< the document's `policy` section
  std::vector<framework_info> frameworks;  ///< the document's `frameworks` section (adds or overrides rows)
  std::vector<vendor> vendors;
};
BOOST_DESCRIBE_STRUCT(registry_data, (), (policy, frameworks, vendors))

/// What a query may narrow or change (C15, C16, C17, policy).
struct query_options {
  std::optional<std::string> service;       ///< C15
  std::optional<std::string> region;        ///< C15
  std::optional<std::string> plan;          ///< C15
  std::optional<assurance> minimum_assurance; ///< C17
  policy_overrides policy;                  ///< applied over the registry's policy (C16: policy.accept_inherited)
};

/// One question of a batch: a vendor (id or alias) and a date.
struct point_query {
  std::string_view vendor;
  date on;
};

namespace detail {
struct registry_impl;
}

class registry;

/// A requirement prepared for one registry (registry::prepare): how that registry answers it —
/// from its query index or through the rules, and for one bare framework, which catalog row — is
/// worked out once, so that is_covered and check do not classify the requirement and look its
/// framework up on every call. Prepare once, ask many times. Valid with the registry that made it
/// and its copies; another registry answers it as the plain requirement (same answers, no
/// shortcut). Immutable: share it between threads freely.
class prepared_requirement {
public:
  /// The requirement itself.
  const compliance::requirement& requirement() const noexcept { return req_; }

private:
  friend class registry;
  compliance::requirement req_;
  std::uint64_t registry_ = 0; ///< the serial of the registry that prepared it
  std::uint64_t route_ = 0;    ///< how that registry answers it
};

/// An immutable, validated set of vendors and their evidence, with the catalog and policy in
/// force. Cheap to copy (shared, immutable state).
class registry {
public:
  /// Validates `data` (ids, duplicates, references, relies_on cycles, frameworks, intervals) and
  /// builds the indexes. On failure every problem is listed, each with its JSON pointer, and
  /// nothing is built. Never throws (but for std::bad_alloc).
  static boost::system::result<registry, diagnostics> build(registry_data data);

  /// An empty registry (builtin catalog, default policy, no vendors).
  registry();

  /// The data the registry was built from, equal to it (G5). The registry keeps its vendors
  /// compactly encoded, so this decodes every one of them: a copy, for saving and inspection,
  /// not for a query path.
  registry_data data() const;
  /// How many vendors the registry holds.
  std::size_t size() const noexcept;
  /// Every vendor's id, in registry order.
  std::vector<vendor_id> vendor_ids() const;
  /// The catalog's frameworks that some vendor holds evidence for, in catalog order (W2's
  /// default columns). Reads only each evidence's framework, not whole vendors.
  std::vector<framework_id> frameworks_in_use() const;
  /// The catalog in force: built-in rows with the document's additions and overrides.
  const compliance::catalog& frameworks() const noexcept;
  /// The document policy over the defaults.
  const compliance::policy& policy() const noexcept;

  /// The vendor called `name` (id or alias, case-insensitive; G2), decoded into a copy; or
  /// nothing.
  std::optional<compliance::vendor> find_vendor(std::string_view name) const;
  /// Up to three known vendor ids closest to `name` (G2).
  std::vector<std::string> closest_vendors(std::string_view name) const;

  /// Parses a requirement against this registry's catalog; throws expression_failure.
  requirement parse(std::string_view expression) const;
  /// Parses a requirement against this registry's catalog; never throws.
  boost::system::result<requirement, expression_error> try_parse(std::string_view expression) const;

  /// G4: the verdict for `vendor` (id or alias) on `on`, with every finding. An unknown vendor
  /// is a not-covered verdict with finding `unknown-vendor` and suggestions (G2).
  verdict check(std::string_view vendor, const requirement& req, date on, const query_options& options = {}) const;
  /// check() of a prepared requirement (the same verdict, its framework not looked up again).
  verdict check(std::string_view vendor, const prepared_requirement& req, date on, const query_options& options = {}) const;

  /// `req` prepared for this registry (see prepared_requirement): for hot paths, prepare once.
  prepared_requirement prepare(requirement req) const;

  /// The bool of check() without building findings or messages: for hot paths. A requirement
  /// of bare frameworks is answered from the query index: no allocation, no string copy.
  bool is_covered(std::string_view vendor, const prepared_requirement& req, date on) const;
  /// is_covered of a requirement not prepared: the same answer, classifying `req` and looking its
  /// framework up first (some nanoseconds more a call).
  bool is_covered(std::string_view vendor, const requirement& req, date on) const;
  /// is_covered under query options (service, region, plan, assurance, policy).
  bool is_covered(std::string_view vendor, const prepared_requirement& req, date on, const query_options& options) const;
  /// is_covered of a requirement not prepared, under query options.
  bool is_covered(std::string_view vendor, const requirement& req, date on, const query_options& options) const;

  /// is_covered for many (vendor, date) questions about one requirement: `answers[i]` answers
  /// `queries[i]`. Independent lookups overlap in memory, so a batch costs much less per
  /// question than single calls on a registry larger than the CPU caches. Same answers.
  void is_covered(const requirement& req, const point_query* queries, std::size_t count, bool* answers,
                  const query_options& options = {}) const;

  /// W3 over a customer's window: whether `vendor` is covered for `req` on every day of `range`
  /// (a SOC 2 observation period, a contract term), the covered runs and gaps, and the periods
  /// over which the answer and its reasons stay the same, each with the findings that held then
  /// (exactly what check() says on each of its days). One check per day of the range: about a
  /// millisecond a year of days. A range whose ends are not both real dates, or whose last day
  /// is before its first, has no periods. `vendor` absent in the result when unknown.
  window_result window(std::string_view vendor, const requirement& req, interval range,
                       const query_options& options = {}) const;

  /// W2 over a window: for every vendor and each of `reqs`, whether it is covered on every day of
  /// `range` (window(), in short). One check per vendor, requirement and day: meant for a
  /// registry one reads on a screen, not for a million vendors.
  window_matrix_result matrix(const std::vector<requirement>& reqs, interval range,
                              const query_options& options = {}) const;

  /// W3: covered runs and gaps within `range`. `vendor` absent in the result when unknown.
  coverage_result coverage(std::string_view vendor, const requirement& req, interval range,
                           const query_options& options = {}) const;

  /// W4: every vendor covered for `req` on `on`, in registry order.
  std::vector<vendor_id> covered_vendors(const requirement& req, date on, const query_options& options = {}) const;

  /// W1: each vendor × evidence (and agreement) whose covered run containing `on` ends within
  /// `days` days, soonest first, with the renewal it needs.
  std::vector<expiring_item> expiring(date on, long days, const query_options& options = {}) const;

  /// W2: vendors × requirements on `on`: status and days left in each cell.
  matrix_result matrix(const std::vector<requirement>& reqs, date on, const query_options& options = {}) const;

  /// A timeline of `vendor`'s own evidence (each against its own framework) and agreements over
  /// `range`: covered windows, grace and bridge periods, warnings, removed days, audits as marks.
  timeline_result timeline(std::string_view vendor, interval range, date on, const query_options& options = {}) const;

  /// Builds a registry one vendor at a time, each checked, indexed and stored as soon as it is
  /// added, while its data is still in the CPU caches: for a loader that reads vendors one by one
  /// (load() in json.hpp does), so that no registry_data of every vendor is ever held. The checks
  /// and their order are those of build(), which is an assembler over a registry_data.
  class assembler {
  public:
    /// Starts from the document's policy and frameworks (`header.vendors` is ignored), with room
    /// for about `vendors` vendors.
    explicit assembler(registry_data header, std::size_t vendors = 0);
    ~assembler();
    assembler(assembler&&) noexcept;
    assembler& operator=(assembler&&) noexcept;
    assembler(const assembler&) = delete;
    assembler& operator=(const assembler&) = delete;

    /// A hint that `v` will be added a little later: its lookups start loading now.
    void prefetch(const vendor& v) const noexcept;
    /// Checks, indexes and stores `v`, the next vendor. `v` may be reused once this returns.
    void add(const vendor& v);
    /// Checks what needs every vendor (references, relies_on cycles) and gives the registry or
    /// every problem found, each with its JSON pointer. Call once.
    boost::system::result<registry, diagnostics> finish();

  private:
    struct state;
    std::unique_ptr<state> state_;
  };

private:
  explicit registry(std::shared_ptr<const detail::registry_impl> impl) : impl_(std::move(impl)) {}
  /// How this registry answers `req`: its prepared route when this registry prepared it.
  std::uint64_t route_for(const prepared_requirement& req) const noexcept;
  verdict check_on_route(std::string_view vendor, const requirement& req, std::uint64_t route, date on,
                         const query_options& options) const;
  std::shared_ptr<const detail::registry_impl> impl_;
};

} // namespace compliance

#endif
