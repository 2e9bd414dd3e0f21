// Inheritance (C16): with inherited evidence accepted, a vendor is covered by the evidence of the
// subservice organisations it relies on, breadth-first along relies_on, every link narrowing the
// services; without it, a finding says when inherited evidence would have answered.
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

std::vector<evidence_eval> evidence_evaluator::evaluate_atom_evidence_at(const query_context& ctx, std::uint32_t vendor,
                                                                         const atom& a, int depth, bool own) {
  std::vector<evidence_eval> out;
  evidence_evaluator eval(ctx, vendor, a, depth);
  const via self{vendor, false, std::nullopt, {}};
  // Only the evidence that speaks to the atom (directly or by C11) is kept: the rest covers
  // nothing and explains nothing.
  const auto keep = [&out, &eval](const evidence& e, const via& path) {
    eval.run(e, path, out.emplace_back());
    if (!out.back().relevant) out.pop_back();
  };
  if (own) {
    const auto& v = ctx.vendor(vendor);
    // The vendors it relies on are read next when inheritance is accepted, or when the C16
    // hint (atom_result, at any level of detail but none) asks whether they would cover: their
    // lookups start loading now, and arrive while its own evidence is evaluated.
    if (ctx.pol.accept_inherited || ctx.level != detail_level::none)
      for (const auto& link : v.relies_on) ctx.vendors().expect(link.vendor.str());
    out.reserve(v.evidence.size());
    for (const auto& e : v.evidence) keep(e, self);
  }
  if (!ctx.pol.accept_inherited) return out;
  // C16: breadth-first over relies_on; every link on the path restricts the services.
  // The vendors reached, sorted: a query reaches few, and must not cost a pass over the registry.
  // Room for a few from the start: one allocation each, not one per vendor reached.
  std::vector<via> queue;
  std::vector<std::uint32_t> seen;
  queue.reserve(4);
  seen.reserve(8);
  seen.push_back(vendor);
  queue.push_back(self);
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t from = queue[head].vendor;
    const auto& links = ctx.vendor(from).relies_on;
    for (std::size_t k = 0; k < links.size(); ++k) {
      // The vendor relied on (its lookup started above, for the queried vendor's links).
      const std::uint32_t to = ctx.vendors().relied_on(from, k, links[k].vendor.str());
      const auto at = std::lower_bound(seen.begin(), seen.end(), to);
      if (at != seen.end() && *at == to) continue;
      seen.insert(at, to);
      // queue[head], not a reference kept across push_back: the queue may move.
      via next{to, true, queue[head].services, queue[head].chain};
      next.chain.push_back(to);
      if (links[k].services) {
        if (!next.services) next.services = links[k].services;
        else {
          std::vector<std::string> both;
          for (const auto& s : *next.services)
            if (contains_ci(*links[k].services, s)) both.push_back(s);
          next.services = both;
        }
      }
      queue.push_back(std::move(next));
      for (const auto& e : ctx.vendor(to).evidence) keep(e, queue.back());
    }
  }
  return out;
}

void evidence_evaluator::inherited_remark(const via& path) {
  if (path.inherited) {
    remark(finding_code::inherited, severity::info, [&] {
      std::string chain;
      for (auto v : path.chain) chain.append(chain.empty() ? "" : " -> ").append(ctx_.vendor(v).id.str());
      const std::string& queried = ctx_.vendor(queried_).id.str();
      return cat({e_->id.str(), " is held by ", ctx_.vendor(path.vendor).id.str(), ", a subservice organisation ", queried,
                  " relies on (", queried, " -> ", chain, "); its coverage is inherited."});
    });
  }
}

std::vector<std::uint32_t> reachable_vendors(vendor_source& vendors, std::uint32_t vendor) {
  std::vector<std::uint32_t> out{vendor};
  for (std::size_t k = 0; k < out.size(); ++k) {
    const std::uint32_t from = out[k];
    const std::size_t links = vendors.get(from).relies_on.size();
    for (std::size_t i = 0; i < links; ++i) {
      const std::uint32_t to = vendors.relied_on(from, i, vendors.get(from).relies_on[i].vendor.str());
      if (std::find(out.begin(), out.end(), to) == out.end()) out.push_back(to);
    }
  }
  return out;
}

bool inherited_would_cover(const query_context& ctx, std::uint32_t vendor, const atom& a) {
  query_context inherit(ctx, detail_level::none);
  inherit.pol.accept_inherited = true;
  const auto inherited = evidence_evaluator::evaluate_atom_evidence_at(inherit, vendor, a, 0, false);
  const date on = ctx.on;
  return std::any_of(inherited.begin(), inherited.end(), [on](const evidence_eval& ev) { return ev.covered.contains(on); });
}

} // namespace compliance::detail
