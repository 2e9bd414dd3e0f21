// Internal state of a registry: the data, the catalog and policy in force, and the indexes.
#ifndef COMPLIANCE_SRC_REGISTRY_IMPL_HPP
#define COMPLIANCE_SRC_REGISTRY_IMPL_HPP

#include "compliance/registry.hpp"

#include "fast_index.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace compliance::detail {

/// The words separated by `sep` ("a, b, c"), for messages.
std::string join(const std::vector<std::string>& words, const char* sep = ", ");
/// Case-insensitive ASCII equality.
bool iequals(std::string_view a, std::string_view b) noexcept;

struct registry_impl {
  registry_data data;
  compliance::catalog frameworks;
  compliance::policy policy;
  /// Vendor names (G2) and the flat per-vendor coverage of bare atoms, for the query path.
  fast_index fast;
  /// Per vendor, per relies_on link: the index of the vendor relied on (C16).
  std::vector<std::vector<std::uint32_t>> relies_on;
  /// This registry's number, never reused in the process (it names the registry in the notes
  /// it leaves in requirements: see registry::is_covered).
  std::uint64_t serial = next_serial();

  static std::uint64_t next_serial() noexcept {
    static std::atomic<std::uint64_t> last{0};
    return last.fetch_add(1, std::memory_order_relaxed) + 1;
  }

  explicit registry_impl(registry_data d, compliance::catalog c)
      : data(std::move(d)), frameworks(std::move(c)), policy(data.policy.apply(compliance::policy{})) {}

  /// Index of the vendor called `name` (id or alias, any case), or -1.
  std::int64_t find(std::string_view name) const noexcept { return fast.find(name); }
};

/// Builds a registry one vendor at a time, each checked and indexed as soon as it is complete,
/// while its data is still in the CPU caches: load() hands each vendor over as it reads it, and
/// registry::build hands over a whole registry_data. The checks and their order are those of
/// registry::build either way.
class assembler {
public:
  /// Starts from the document's policy, frameworks and vendors so far, with room for `vendors`
  /// vendors in all: data().vendors must never move, since the checks keep views into it.
  explicit assembler(registry_data data, std::size_t vendors = 0);
  ~assembler();
  assembler(const assembler&) = delete;
  assembler& operator=(const assembler&) = delete;

  /// Where the vendors are (appended to by the caller).
  registry_data& data() noexcept;
  /// Starts loading the table slots vendor `i` (complete) will need, for an add() a little later.
  void prefetch(std::size_t i) const noexcept;
  /// Checks and indexes vendor `i`, which is complete and the next one.
  void add(std::size_t i);
  /// Adds the vendors not added yet, checks what needs them all (references, relies_on cycles),
  /// and returns the registry or every problem.
  boost::system::result<registry, diagnostics> finish();

private:
  struct state;
  std::unique_ptr<state> state_;
};

} // namespace compliance::detail

#endif
