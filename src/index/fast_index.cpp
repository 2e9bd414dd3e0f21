#include "index/fast_index.hpp"

#include "compliance/surveillance.hpp"

#include "util/bytes.hpp"
#include "util/name_hash.hpp"
#include "util/platform.hpp"
#include "rules/engine.hpp"


#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <set>

// The point-query path's helpers are inlined into its entry points.
#define COMPLIANCE_HOT COMPLIANCE_ALWAYS_INLINE

namespace compliance::detail {

namespace {

const query_options& no_options() {
  static const query_options none;
  return none;
}

} // namespace

void fast_index::begin(const inputs& in, std::size_t vendors) {
  in_ = in;
  base_day_ = static_cast<std::uint32_t>(date(1990, 1, 1).day_number());
  words_.clear();
  long_names_.clear();
  slots_.clear(); // no name is found until finish() lays the names out (the engine then reads relies_on)
  encodings_.clear();
  coverage_.clear();
  coverage_.reserve(vendors);
  renewals_.clear();
}

void fast_index::add(std::uint32_t v, const vendor& data) {
  // Inherited evidence needs every relies_on link resolved: finish() computes those.
  if (in_.policy->accept_inherited || v != coverage_.size()) return;
  coverage_.push_back(coverage_of(v, &data));
}

void fast_index::finish() {
  const auto& store = *in_.vendors;
  const auto count = static_cast<std::uint32_t>(store.size());
  coverage_.reserve(count);
  for (auto v = static_cast<std::uint32_t>(coverage_.size()); v < count; ++v) coverage_.push_back(coverage_of(v, nullptr));
  renewals_.finish();
  std::vector<std::string> aliases; // each vendor's, read from the store in turn
  std::size_t names = 0;
  for (std::uint32_t v = 0; v < count; ++v) {
    store.aliases(v, aliases);
    names += 1 + aliases.size();
  }
  mask_ = table_capacity(names) - 1;
  slots_.assign(mask_ + 1, slot{});
  encodings_.assign(mask_ + 1, far_offset);
  vendor_slots_.assign(count, 0);
  // `coverage` is the vendor's slot as built (name fields still empty); each name copies it.
  auto insert = [&](std::string_view name, const slot& coverage) -> std::uint32_t {
    const auto key = key_of(name);
    auto i = key.hash & mask_;
    while (slots_[i].vendor != empty) i = (i + 1) & mask_;
    slot s = coverage;
    if (name.size() <= inline_name) {
      s.key[0] = key.head[0];
      s.key[1] = key.head[1];
    } else {
      s.key[0] = key.hash;
      s.key[1] = static_cast<std::uint64_t>(long_names_.size()) | long_tag << 56;
      for (char c : name) long_names_ += ascii_lower(c);
      long_names_ += '\0';
    }
    slots_[i] = s;
    const auto offset = store.offset(coverage.vendor);
    encodings_[i] = offset < far_offset ? static_cast<std::uint32_t>(offset) : far_offset;
    return static_cast<std::uint32_t>(i);
  };

  for (std::uint32_t v = 0; v < count; ++v) {
    if (v + 8 < count) prefetch(&slots_[name_hash(store.id(v + 8)) & mask_]); // far apart
    vendor_slots_[v] = insert(store.id(v), coverage_[v]);
    store.aliases(v, aliases);
    // An alias equal to its vendor's own id or to another of its aliases (any case) is a name
    // already in the table, found by its bytes: one slot. (Equal to another vendor's name, it
    // failed validation, G2.)
    for (const auto& alias : aliases)
      if (probe(alias) < 0) insert(alias, coverage_[v]);
  }
  coverage_ = {};
}

void fast_index::build(const inputs& in) {
  begin(in);
  finish();
}

fast_index::slot fast_index::coverage_of(std::uint32_t v, const compliance::vendor* data) {
  const auto& frameworks = *in_.frameworks;
  const auto& rows = frameworks.rows();
  const auto max_day = static_cast<std::uint32_t>(max_date().day_number());
  decoded_vendors vendors(*in_.vendors, *in_.relies_on);
  const query_context ctx(frameworks, *in_.policy, no_options(), date(2000, 1, 1), detail_level::none, vendors);
  if (data) vendors.pin(v, *data);
  const auto& vendor = ctx.vendor(v);
  std::vector<std::pair<std::size_t, interval_set>> sets; // catalog row → covered days
  sets.reserve(2 * vendor.evidence.size());
  auto add = [&sets](std::size_t row, const interval_set& days) {
    for (auto& [r, s] : sets)
      if (r == row) {
        s = s | days;
        return;
      }
    sets.emplace_back(row, days);
  };
  const auto row_of = [&](const framework_id& id) -> std::int64_t {
    const auto* row = frameworks.find(id.str());
    return row ? row - rows.data() : -1;
  };
  if (!in_.policy->accept_inherited) {
    std::vector<atom> own_atoms; // the atoms of merchant-only SAQs (C12), each once
    // Each evidence once, against its own framework: a bare atom asks nothing else of it, so its
    // days count for each framework the rules say it answers (C11).
    for (const auto& e : vendor.evidence) {
      const auto* row = frameworks.find(e.framework.str());
      if (!row) continue;
      atom a;
      a.framework = e.framework;
      const auto ev = evaluate_evidence(ctx, v, e, a);
      // W1 (renewal_index.hpp): a merchant-only SAQ answers its own atom, not the bare one (C12);
      // a certificate's interim audits fall due by its cycle (C5).
      if (auto own = own_atom(e, frameworks); own != a && std::find(own_atoms.begin(), own_atoms.end(), own) == own_atoms.end())
        own_atoms.push_back(std::move(own));
      if (const auto* c = std::get_if<certificate>(&e.details); c && row->cycle)
        for (const auto& d : surveillance_schedule(*c, *row->cycle, *in_.policy, c->issued))
          renewals_.audit_due(v, d.due, d.grace_until);
      if (ev.covered.empty()) continue;
      each_framework_answered(e, *row, [&](const framework_id& id) {
        if (const auto r = row_of(id); r >= 0) add(static_cast<std::size_t>(r), ev.covered);
      });
    }
    for (const auto& [r, s] : sets)
      for (const auto& run : s.runs())
        if (!run.open_ended()) renewals_.run_ends(v, run.last);
    for (const auto& own : own_atoms) { // as the worklist evaluates them
      interval_set covered;
      for (const auto& ev : evaluate_atom_evidence(ctx, v, own)) covered = covered | ev.covered;
      for (const auto& run : covered.runs())
        if (!run.open_ended()) renewals_.run_ends(v, run.last);
    }
  } else {
    // Inherited evidence is gated by the queried vendor's own agreements (C14, C16): ask the
    // engine per framework, as a query would, for every framework the evidence of a vendor it
    // can inherit from answers (C11, C16).
    std::set<std::size_t> candidates;
    for (auto h : reachable_vendors(vendors, v))
      for (const auto& e : ctx.vendor(h).evidence)
        if (const auto* row = frameworks.find(e.framework.str()))
          each_framework_answered(e, *row, [&](const framework_id& id) {
            if (const auto r = row_of(id); r >= 0) candidates.insert(static_cast<std::size_t>(r));
          });
    for (auto r : candidates) {
      atom a;
      a.framework = rows[r].id;
      interval_set covered;
      for (const auto& ev : evaluate_atom_evidence(ctx, v, a)) covered = covered | ev.covered;
      if (!covered.empty()) sets.emplace_back(r, std::move(covered));
    }
  }
  slot coverage;
  coverage.vendor = v;
  // Inline when every run fits: at most inline_runs (eight), catalog rows below 255, days from
  // base_day_ in 16 bits (an open-ended run's last day is open_end).
  std::size_t total = 0;
  bool fits = true;
  for (const auto& [r, s] : sets) {
    total += s.runs().size();
    fits = fits && r < 255;
    for (const auto& run : s.runs()) {
      const auto first = static_cast<std::uint32_t>(run.first.day_number());
      const auto last = static_cast<std::uint32_t>(run.last.day_number());
      fits = fits && first >= base_day_ && first - base_day_ < open_end &&
             (last == max_day || last - base_day_ < open_end);
    }
  }
  if (fits && total <= inline_runs) {
    for (const auto& [r, s] : sets)
      for (const auto& run : s.runs()) {
        const auto last = static_cast<std::uint32_t>(run.last.day_number());
        coverage.framework[coverage.runs] = static_cast<std::uint8_t>(r);
        coverage.first[coverage.runs] = static_cast<std::uint16_t>(run.first.day_number() - base_day_);
        coverage.last[coverage.runs] = last == max_day ? open_end : static_cast<std::uint16_t>(last - base_day_);
        ++coverage.runs;
      }
  } else {
    const auto blob = static_cast<std::uint32_t>(words_.size());
    coverage.runs = spilled;
    std::memcpy(coverage.first, &blob, sizeof blob);
    words_.push_back(static_cast<std::uint32_t>(sets.size()));
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
  }
  return coverage;
}

std::int64_t fast_index::probe(std::string_view name) const noexcept { return probe(name, key_of(name)); }

COMPLIANCE_HOT bool fast_index::holds(const slot& s, const short_key& key) noexcept {
  // The length in the last byte tells names apart that differ only in trailing zero bytes, and
  // a free slot or a long name's from every short one.
  return ((s.key[0] ^ key.head[0]) | (s.key[1] ^ key.head[1])) == 0;
}

COMPLIANCE_HOT std::int64_t fast_index::near(const short_key& key) const noexcept {
  const auto home = key.hash & mask_;
  // Both slots are compared without a branch on what they hold: a lookup whose slot is not in
  // the cache then does not also wait on a mispredicted branch, and the caller's next lookup
  // can start while this one's memory access is still on its way.
  const bool at_home = holds(slots_[home], key);
  const bool at_next = holds(slots_[(home + 1) & mask_], key);
  // One branch on both: left to itself the compiler tests `at_next` alone first, a branch that
  // goes either way as often as names sit one slot from home.
  const unsigned either = opaque(static_cast<unsigned>(at_home) | static_cast<unsigned>(at_next));
  return either ? static_cast<std::int64_t>((home + !at_home) & mask_) : -1;
}

COMPLIANCE_HOT std::int64_t fast_index::probe(std::string_view name, const short_key& key) const noexcept {
  if (name.size() <= inline_name && !slots_.empty())
    if (const auto at = near(key); at >= 0) return at;
  return walk_on(name);
}

std::int64_t fast_index::walk_on(std::string_view name) const noexcept { return walk(name, key_of(name)); }

COMPLIANCE_HOT std::int64_t fast_index::walk(std::string_view name, const short_key& key) const noexcept {
  if (slots_.empty()) return -1;
  for (auto i = key.hash & mask_;; i = (i + 1) & mask_) {
    const slot& s = slots_[i];
    if (s.vendor == empty) return -1;
    if (name.size() <= inline_name) {
      if (holds(s, key)) return static_cast<std::int64_t>(i);
    } else if (s.key[1] >> 56 == long_tag && s.key[0] == key.hash) {
      const char* full = long_names_.data() + (s.key[1] & 0xFFFFFFFFFFFFFFull);
      std::size_t k = 0;
      for (; k < name.size() && full[k] != '\0'; ++k)
        if (full[k] != ascii_lower(name[k])) break;
      if (k == name.size() && full[k] == '\0') return static_cast<std::int64_t>(i);
    }
  }
}

std::int64_t fast_index::find_to_decode(std::string_view name, std::uint64_t& offset) const noexcept {
  offset = vendor_store::unknown;
  if (slots_.empty()) return -1;
  const auto key = key_of(name);
  // Most names sit in their home slot, so its entry is most likely the vendor wanted (else the
  // prefetch only costs a little bandwidth). Its load and the slot's travel together.
  if (const auto start = encodings_[key.hash & mask_]; start != far_offset) in_.vendors->prefetch_at(start);
  const auto at = probe(name, key);
  if (at < 0) return -1;
  // The found slot's entry: the home one, already read, for most names.
  if (const auto start = encodings_[static_cast<std::size_t>(at)]; start != far_offset) offset = start;
  return static_cast<std::int64_t>(slots_[static_cast<std::size_t>(at)].vendor);
}

void fast_index::prefetch_name(std::string_view name) const noexcept {
  if (slots_.empty()) return;
  const auto home = name_hash(name) & mask_;
  prefetch(&encodings_[home]);
  prefetch(&slots_[home]);
}

std::uint32_t fast_index::blob_of(const slot& s) noexcept {
  std::uint32_t blob;
  std::memcpy(&blob, s.first, sizeof blob);
  return blob;
}

COMPLIANCE_HOT std::int64_t fast_index::framework(std::string_view id) const noexcept {
  const auto* row = in_.frameworks ? in_.frameworks->find(id) : nullptr;
  return row ? row - in_.frameworks->rows().data() : -1;
}

std::int64_t fast_index::framework_row(std::string_view id) const noexcept { return framework(id); }

COMPLIANCE_HOT bool fast_index::atom_covered(const slot& s, std::int64_t fw, std::uint32_t day) const noexcept {
  if (s.runs == spilled) return blob_covered(s, fw, day);
  // Inline runs start on or after base_day_, at rows below 255 (no_run is 255).
  if (static_cast<std::uint64_t>(fw) >= no_run || day < base_day_) return false;
  // Past the 16-bit range only an open-ended run (last == open_end) can hold the day.
  const auto d = static_cast<std::uint16_t>(std::min<std::uint32_t>(day - base_day_, open_end));
  // All eight lanes at once, as vectors, and without a branch on the slot's data: the answer is
  // as random as the questions, and a mispredicted branch would also throw away the next call's
  // lookup. Few instructions also let the processor reach the next call's lookup sooner.
  return any_lane(s.framework, s.first, s.last, static_cast<std::uint8_t>(fw), d);
}

bool fast_index::blob_covered(const slot& s, std::int64_t fw, std::uint32_t day) const noexcept {
  if (fw < 0) return false;
  const std::uint32_t* w = words_.data() + blob_of(s);
  const std::uint32_t n = w[0];
  const std::uint32_t* entries = w + 1;
  const std::uint32_t* runs_base = entries + 3 * n;
  for (std::uint32_t k = 0; k < n; ++k) {
    if (entries[3 * k] != static_cast<std::uint32_t>(fw)) continue;
    const std::uint32_t* runs = runs_base + entries[3 * k + 1];
    std::uint32_t lo = 0, hi = entries[3 * k + 2];
    while (lo < hi) { // the first run whose last day is on or after `day`
      const std::uint32_t mid = (lo + hi) / 2;
      if (runs[2 * mid + 1] < day) lo = mid + 1;
      else hi = mid;
    }
    return lo < entries[3 * k + 2] && runs[2 * lo] <= day;
  }
  return false;
}

bool fast_index::evaluate(const slot& s, const requirement& req, const std::int64_t* frameworks,
                          std::uint32_t day) const noexcept {
  const auto& nodes = req.nodes();
  if (nodes.size() == 1) return atom_covered(s, frameworks[0], day);
  // Children precede parents: one forward pass over booleans (Q2).
  constexpr std::size_t small = 64;
  bool local[small] = {};
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
      set(n, atom_covered(s, frameworks[node.atom_index], day));
      continue;
    }
    const bool all = node.kind == requirement::op::all_of;
    bool result = all;
    for (auto c : node.children) result = all ? (result && value(c)) : (result || value(c));
    set(n, result);
  }
  return value(nodes.size() - 1);
}

bool fast_index::covered(std::uint32_t at, const requirement& req, std::uint32_t day) const noexcept {
  const slot& s = slots_[at];
  const auto& atoms = req.atoms();
  constexpr std::size_t small = 16;
  std::int64_t local[small] = {};
  std::vector<std::int64_t> heap;
  std::int64_t* fws = local;
  if (atoms.size() > small) {
    try {
      heap.resize(atoms.size());
    } catch (...) {
      return false;
    }
    fws = heap.data();
  }
  for (std::size_t a = 0; a < atoms.size(); ++a) fws[a] = framework(atoms[a].framework.str());
  return evaluate(s, req, fws, day);
}

bool fast_index::covered_row(std::string_view name, std::int64_t fw, std::uint32_t day) const noexcept {
  // probe(), with its rare case (and atom_covered()'s) left to calls that return straight to
  // the caller: the common case calls nothing that returns to it.
  if (name.size() <= inline_name && !slots_.empty())
    if (const auto at = near(key_of(name)); at >= 0) return atom_covered(slots_[static_cast<std::size_t>(at)], fw, day);
  return covered_row_far(name, fw, day);
}

bool fast_index::covered_row_far(std::string_view name, std::int64_t fw, std::uint32_t day) const noexcept {
  const std::int64_t at = walk(name, key_of(name));
  return at >= 0 && atom_covered(slots_[static_cast<std::size_t>(at)], fw, day);
}

std::vector<std::int64_t> fast_index::frameworks(const requirement& req) const {
  std::vector<std::int64_t> out(req.atoms().size());
  for (std::size_t a = 0; a < out.size(); ++a) out[a] = framework(req.atoms()[a].framework.str());
  return out;
}

std::vector<bool> fast_index::covered_vendors(const requirement& req, std::uint32_t day) const {
  std::vector<bool> out(vendor_slots_.size(), false);
  const auto fws = frameworks(req);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    const slot& s = slots_[i];
    // Each vendor once: at the slot of its id (its aliases' slots hold the same coverage).
    if (s.vendor != empty && vendor_slots_[s.vendor] == i && evaluate(s, req, fws.data(), day)) out[s.vendor] = true;
  }
  return out;
}

void fast_index::covered(const requirement& req, const point_query* queries, std::size_t count, bool* answers) const {
  const auto fws = frameworks(req);
  constexpr std::size_t group = 16;
  short_key keys[group];
  std::int64_t found[group];
  for (std::size_t base = 0; base < count; base += group) {
    const std::size_t n = std::min(group, count - base);
    for (std::size_t j = 0; j < n; ++j) { // 1: hash all, ask for all their slots
      const std::string_view name = queries[base + j].vendor;
      keys[j] = key_of(name);
      prefetch(&slots_[keys[j].hash & mask_]);
    }
    for (std::size_t j = 0; j < n; ++j) { // 2: find all, ask for the blobs of spilled ones
      found[j] = walk(queries[base + j].vendor, keys[j]); // home slots fetched: no need to read the next
      if (found[j] >= 0)
        if (const slot& s = slots_[static_cast<std::size_t>(found[j])]; s.runs == spilled)
          prefetch(&words_[blob_of(s)]);
    }
    for (std::size_t j = 0; j < n; ++j) { // 3: answer
      const auto& q = queries[base + j];
      answers[base + j] = found[j] >= 0 && !q.on.is_special() &&
                          evaluate(slots_[static_cast<std::size_t>(found[j])], req, fws.data(),
                                   static_cast<std::uint32_t>(q.on.day_number()));
    }
  }
}

} // namespace compliance::detail
