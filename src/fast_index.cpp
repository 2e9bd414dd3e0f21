#include "fast_index.hpp"

#include "engine.hpp"

#include <algorithm>
#include <cstring>
#include <set>

namespace compliance::detail {

namespace {

inline unsigned char lower(unsigned char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c; }

std::uint64_t capacity_for(std::size_t n) {
  std::uint64_t cap = 16;
  while (cap < 2 * static_cast<std::uint64_t>(n)) cap <<= 1;
  return cap;
}

const query_options& no_options() {
  static const query_options none;
  return none;
}

} // namespace

std::uint64_t name_hash(std::string_view s) noexcept {
  std::uint64_t h = 1469598103934665603ull;
  for (char ch : s) {
    h ^= lower(static_cast<unsigned char>(ch));
    h *= 1099511628211ull;
  }
  return h ^ (h >> 29);
}

std::uint32_t fast_index::put_name(std::string_view name) {
  const auto at = static_cast<std::uint32_t>(words_.size());
  words_.push_back(static_cast<std::uint32_t>(name.size()));
  const std::size_t first = words_.size();
  words_.resize(first + (name.size() + 3) / 4, 0);
  auto* bytes = reinterpret_cast<unsigned char*>(words_.data() + first);
  for (std::size_t i = 0; i < name.size(); ++i) bytes[i] = lower(static_cast<unsigned char>(name[i]));
  return at;
}

bool fast_index::name_equals(std::uint32_t at, std::string_view name) const noexcept {
  if (words_[at] != name.size()) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(words_.data() + at + 1);
  for (std::size_t i = 0; i < name.size(); ++i)
    if (bytes[i] != lower(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

void fast_index::build(const registry_impl& reg) {
  reg_ = &reg;
  const auto& vendors = reg.data.vendors;
  const auto& rows = reg.frameworks.rows();
  // Catalog ids → row index.
  framework_mask_ = capacity_for(rows.size()) - 1;
  framework_hashes_.assign(framework_mask_ + 1, 0);
  framework_slots_.assign(framework_mask_ + 1, -1);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto h = name_hash(rows[r].id.str());
    auto i = h & framework_mask_;
    while (framework_slots_[i] >= 0) i = (i + 1) & framework_mask_;
    framework_hashes_[i] = h;
    framework_slots_[i] = static_cast<std::int32_t>(r);
  }

  std::size_t names = 0;
  for (const auto& v : vendors) names += 1 + v.aliases.size();
  mask_ = capacity_for(names) - 1;
  slots_.assign(mask_ + 1, slot{});
  auto insert = [&](std::string_view name, std::uint32_t blob, std::uint32_t alias) {
    const auto h = name_hash(name);
    auto i = h & mask_;
    while (slots_[i].blob != empty) {
      // An alias equal to its vendor's own id (any case) is the same name: keep one slot.
      if (slots_[i].hash == h && slots_[i].blob == blob) return;
      i = (i + 1) & mask_;
    }
    slots_[i] = slot{h, blob, alias};
  };
  std::vector<std::uint32_t> blob_at(vendors.size());

  const query_context ctx(reg, no_options(), date(2000, 1, 1), detail_level::none);
  for (std::uint32_t v = 0; v < vendors.size(); ++v) {
    const auto& vendor = vendors[v];
    // The frameworks a bare atom could be answered for: the vendor's own, their equivalence
    // targets (C11), and, when the policy inherits, those of the vendors it relies on (C16).
    std::set<std::size_t> candidates;
    std::vector<std::uint32_t> holders{v};
    if (reg.policy.accept_inherited)
      for (std::size_t k = 0; k < holders.size(); ++k)
        for (auto to : reg.relies_on[holders[k]])
          if (std::find(holders.begin(), holders.end(), to) == holders.end()) holders.push_back(to);
    for (auto h : holders)
      for (const auto& e : vendors[h].evidence)
        if (const auto* row = reg.frameworks.find(e.framework.str())) {
          candidates.insert(static_cast<std::size_t>(row - rows.data()));
          for (const auto& eq : row->satisfies)
            if (const auto* target = reg.frameworks.find(eq.target.str()))
              candidates.insert(static_cast<std::size_t>(target - rows.data()));
        }
    const auto blob = static_cast<std::uint32_t>(words_.size());
    blob_at[v] = blob;
    words_.push_back(v);
    put_name(vendor.id.str());
    const std::size_t count_at = words_.size();
    words_.push_back(0);
    std::vector<std::pair<std::size_t, interval_set>> sets;
    for (auto r : candidates) {
      atom a;
      a.framework = rows[r].id;
      interval_set covered;
      for (const auto& ev : evaluate_atom_evidence(ctx, v, a)) covered = covered | ev.covered;
      if (!covered.empty()) sets.emplace_back(r, std::move(covered));
    }
    words_[count_at] = static_cast<std::uint32_t>(sets.size());
    std::uint32_t offset = 0;
    for (const auto& [r, s] : sets) {
      words_.push_back(static_cast<std::uint32_t>(r));
      words_.push_back(offset);
      words_.push_back(static_cast<std::uint32_t>(s.runs().size()));
      offset += static_cast<std::uint32_t>(2 * s.runs().size());
    }
    for (const auto& [r, s] : sets)
      for (const auto& run : s.runs()) {
        words_.push_back(static_cast<std::uint32_t>(run.first.day_number()));
        words_.push_back(static_cast<std::uint32_t>(run.last.day_number()));
      }
    insert(vendor.id.str(), blob, no_alias);
  }
  for (std::uint32_t v = 0; v < vendors.size(); ++v)
    for (const auto& alias : vendors[v].aliases) insert(alias, blob_at[v], put_name(alias));
}

std::int64_t fast_index::probe(std::string_view name) const noexcept {
  if (slots_.empty()) return -1;
  const auto h = name_hash(name);
  for (auto i = h & mask_;; i = (i + 1) & mask_) {
    const slot& s = slots_[i];
    if (s.blob == empty) return -1;
    if (s.hash == h && name_equals(s.alias == no_alias ? s.blob + 1 : s.alias, name)) return s.blob;
  }
}

std::int64_t fast_index::blob_of(std::string_view name) const noexcept { return probe(name); }

std::int64_t fast_index::find(std::string_view name) const noexcept {
  const auto blob = probe(name);
  return blob < 0 ? -1 : static_cast<std::int64_t>(words_[static_cast<std::size_t>(blob)]);
}

std::int64_t fast_index::framework(std::string_view id) const noexcept {
  const auto h = name_hash(id);
  for (auto i = h & framework_mask_; framework_slots_[i] >= 0; i = (i + 1) & framework_mask_)
    if (framework_hashes_[i] == h && reg_->frameworks.rows()[static_cast<std::size_t>(framework_slots_[i])].id.str() == id)
      return framework_slots_[i];
  return -1;
}

bool fast_index::answers(const requirement& req) noexcept {
  if (req.empty()) return false;
  for (const auto& a : req.atoms())
    if (a.edition || a.type || a.variant || !a.programs.empty() || !a.criteria.empty()) return false;
  return true;
}

bool fast_index::atom_covered(std::uint32_t blob, std::int64_t fw, std::uint32_t day) const noexcept {
  if (fw < 0) return false;
  const std::uint32_t* w = words_.data() + blob;
  const std::uint32_t name_words = (w[1] + 3) / 4;
  const std::uint32_t n = w[2 + name_words];
  const std::uint32_t* entries = w + 3 + name_words;
  const std::uint32_t* intervals = entries + 3 * n;
  for (std::uint32_t k = 0; k < n; ++k) {
    if (entries[3 * k] != static_cast<std::uint32_t>(fw)) continue;
    const std::uint32_t* runs = intervals + entries[3 * k + 1];
    std::uint32_t lo = 0, hi = entries[3 * k + 2];
    while (lo < hi) { // first run whose last day is >= day
      const std::uint32_t mid = (lo + hi) / 2;
      if (runs[2 * mid + 1] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo < entries[3 * k + 2] && runs[2 * lo] <= day;
  }
  return false;
}

bool fast_index::covered(std::uint32_t blob, const requirement& req, std::uint32_t day) const noexcept {
  const auto& nodes = req.nodes();
  if (nodes.size() == 1) return atom_covered(blob, framework(req.atoms()[0].framework.str()), day);
  constexpr std::size_t small = 64;
  bool local[small];
  std::vector<char> heap;
  if (nodes.size() > small) {
    try {
      heap.resize(nodes.size());
    } catch (...) {
      return false;
    }
  }
  auto value = [&](std::size_t i) -> bool { return nodes.size() > small ? heap[i] != 0 : local[i]; };
  auto set = [&](std::size_t i, bool b) {
    if (nodes.size() > small) heap[i] = b ? 1 : 0;
    else local[i] = b;
  };
  for (std::size_t n = 0; n < nodes.size(); ++n) {
    const auto& node = nodes[n];
    if (node.kind == requirement::op::atom) {
      set(n, atom_covered(blob, framework(req.atoms()[node.atom_index].framework.str()), day));
      continue;
    }
    const bool all = node.kind == requirement::op::all_of;
    bool result = all;
    for (auto c : node.children) result = all ? (result && value(c)) : (result || value(c));
    set(n, result);
  }
  return value(nodes.size() - 1);
}

} // namespace compliance::detail
