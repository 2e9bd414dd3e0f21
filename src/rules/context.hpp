// What a rule evaluates under: the catalog and policy in force, the query's options and date,
// how much explanation it wants, and where the vendors come from (vendor_source). The rules know
// nothing of how vendors are stored or found: the store and the registry, above them, provide a
// vendor_source.
#ifndef COMPLIANCE_SRC_RULES_CONTEXT_HPP
#define COMPLIANCE_SRC_RULES_CONTEXT_HPP

#include "compliance/framework.hpp"
#include "compliance/policy.hpp"
#include "compliance/registry.hpp"
#include "compliance/vendor.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace compliance::detail {

/// How much explanation a query wants.
enum class detail_level : std::uint8_t {
  none,  ///< interval sets only (is_covered, coverage, covered_vendors)
  codes, ///< findings with codes and severities, no message text (matrix)
  full,  ///< findings with messages (check)
};

/// The vendors a query reads, by index. Implemented above the rules (store/decoded_vendors.hpp,
/// registry/registry_impl.hpp); the references it gives stay valid while the query runs.
class vendor_source {
public:
  /// Vendor `i`.
  virtual const vendor& get(std::uint32_t i) = 0;
  /// The vendor that link `k` of vendor `from`'s relies_on names (`name`), by index (C16).
  virtual std::uint32_t relied_on(std::uint32_t from, std::size_t k, std::string_view name) = 0;
  /// A hint that relied_on(…, name) will be asked soon (no effect on results).
  virtual void expect(std::string_view name) noexcept = 0;

protected:
  ~vendor_source() = default;
};

/// Everything a query evaluates under.
struct query_context {
  const compliance::catalog& frameworks;
  compliance::policy pol; ///< the registry's policy with the query's overrides
  const query_options& opts;
  date on;
  detail_level level;

  query_context(const compliance::catalog& c, const compliance::policy& registry_policy, const query_options& o, date d,
                detail_level l, vendor_source& vendors)
      : frameworks(c), pol(o.policy.apply(registry_policy)), opts(o), on(d), level(l), source_(&vendors) {}
  /// A context for an evaluation within `outer`'s: the same catalog, options, date, policy and
  /// vendors (its evaluations keep pointing into them).
  query_context(const query_context& outer, detail_level l)
      : frameworks(outer.frameworks), pol(outer.pol), opts(outer.opts), on(outer.on), level(l), source_(outer.source_) {}
  query_context(const query_context&) = delete;
  query_context& operator=(const query_context&) = delete;

  /// Vendor `i`.
  const compliance::vendor& vendor(std::uint32_t i) const { return source_->get(i); }
  /// Where the vendors come from.
  vendor_source& vendors() const noexcept { return *source_; }

private:
  vendor_source* source_;
};

} // namespace compliance::detail

#endif
