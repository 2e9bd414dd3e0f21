// The coverage engine. Each evidence yields an interval set (its base days minus its cuts);
// atoms unite them, `&` and `|` intersect and unite (G5, Q2); findings are read off the same
// sets at the query date, so verdicts, worklists and timelines cannot disagree. The rules
// themselves are the evaluator's members, one file per evidence family (evaluator.hpp); this file
// runs them in order and combines what they give.
#include "rules/engine.hpp"

#include "rules/evaluator.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>

namespace compliance::detail {

void evidence_evaluator::run(const evidence& e, const via& path, evidence_eval& out) {
  out.evidence = &e;
  out.owner = path.vendor;
  e_ = &e;
  out_ = &out;
  row_ = ctx_.frameworks.find(e.framework.str());
  if (!row_) return;
  if (!matches_framework()) return;
  out.relevant = true;
  if (!usable(path)) return;
  std::visit([this](const auto& details) { this->dates(details); }, e.details);
  interval_set removed;
  for (const auto& c : out.cuts) removed = removed | c.days;
  out.covered = out.base - removed;
  // The remarks are read only of evidence covering the date: none are written for the rest.
  if (ctx_.level != detail_level::none && out.covered.contains(ctx_.on)) remarks(path);
}

bool evidence_evaluator::usable(const via& path) {
  return type_short_ok() && edition_ok() && type_ok() && variant_ok() && programs_ok() && criteria_ok() &&
         assurance_ok() && opinion_ok() && in_scope(path);
}

void evidence_evaluator::remarks(const via& path) {
  equivalence_remark();
  scoped(path);
  inherited_remark(path);
  report_remarks();
}

bool evidence_evaluator::edition_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // Q1 edition qualifier (evidence without an edition reads as the row's default, C6).
  if (atom_.edition) {
    const auto ed = e_->edition ? e_->edition : row_->default_edition;
    if (ed != atom_.edition) {
      reject(finding_code::edition_mismatch,
             full ? cat({eid, ed ? " is of edition " : " is of no stated edition", ed ? piece(*ed) : piece(""), ", not ",
                         atom_.framework.str(), ":", *atom_.edition, "."})
                  : "");
      return false;
    }
  }
  return true;
}

void evidence_evaluator::reject(finding_code code, std::string message) {
  finding f;
  f.code = code;
  f.severity = severity::blocking;
  f.evidence = e_->id;
  if (ctx_.level == detail_level::full) f.message = std::move(message);
  out_->rejected = std::move(f);
}

namespace {

// --- Findings at the query date (G4) ---

/// The finding segment `s` of evidence `e` carries on the query date (its message moved out of
/// `s`, which is not read again).
finding finding_of(segment& s, const evidence& e, bool decisive) {
  return finding{s.code, s.severity, e.id, std::move(s.message), decisive};
}

/// Why an evidence that speaks to the atom does not cover `on` (its finding's message moved
/// out of `ev`, which is not read again).
finding explain(const query_context& ctx, evidence_eval& ev) {
  if (ev.rejected) return std::move(*ev.rejected);
  const evidence& e = *ev.evidence;
  const date on = ctx.on;
  const std::string id = e.id.str();
  if (ev.base.empty() || on < ev.base.runs().front().first) {
    const date start = ev.base.empty() ? max_date() : ev.base.runs().front().first;
    return make_finding(ctx, finding_code::not_yet_valid, severity::blocking, &e, [&] {
      if (const auto* l = std::get_if<listing>(&e.details); l && start > l->listed)
        return cat({id, " was listed on ", l->listed, ", but the program it needs started only on ", start,
                    "; it covers nothing before that date."});
      return cat({id, " covers from ", start, ", after ", on, "."});
    });
  }
  for (auto& c : ev.cuts)
    if (c.days.contains(on)) return finding_of(c, e, false);
  const date end = ev.base.runs().back().last;
  // C13: a listing that stopped counting before it fell due is inactive after its due date too.
  if (const auto* l = std::get_if<listing>(&e.details); l && stopped_before_due(*l, end))
    return make_finding(ctx, finding_code::listing_inactive, severity::blocking, &e, [&] { return inactive_sentence(e, *l); });
  if (const auto* l = std::get_if<listing>(&e.details); l && (!l->status || *l->status == listing_status::active))
    return make_finding(ctx, finding_code::recertification_overdue, severity::blocking, &e, [&] {
      return cat({id, " was due for its annual re-certification on ", l->next_due,
                  " and no later re-certification is recorded."});
    });
  return make_finding(ctx, finding_code::expired, severity::blocking, &e, [&] {
    switch (e.type()) {
    case evidence_type::certificate: return cat({"The certificate ", id, " expired on ", end, "."});
    case evidence_type::report: return cat({"The report ", id, " is no longer current: it counted through ", end, "."});
    case evidence_type::self_assessment: return cat({"The self-assessment ", id, " was valid through ", end, "."});
    default: return cat({id, " ended on ", end, "."});
    }
  });
}

node_result atom_result(const query_context& ctx, std::uint32_t vendor, const atom& a) {
  node_result out;
  auto evals = evidence_evaluator::evaluate_atom_evidence_at(ctx, vendor, a, 0);
  for (const auto& ev : evals) out.covered = out.covered | ev.covered;
  if (ctx.level == detail_level::none) return out;
  const date on = ctx.on;
  // The findings' messages are moved out of `evals`, which is not read again.
  if (out.covered.contains(on)) {
    for (auto& ev : evals) {
      if (!ev.covered.contains(on)) continue;
      out.satisfied.push_back(ev.evidence->id);
      out.findings.reserve(out.findings.size() + ev.always.size() + ev.notes.size());
      for (auto& f : ev.always) {
        f.decisive = true;
        out.findings.push_back(std::move(f));
      }
      for (auto& n : ev.notes)
        if (n.days.contains(on)) out.findings.push_back(finding_of(n, *ev.evidence, true));
    }
    return out;
  }
  out.findings.reserve(evals.size() + 2);
  bool any = false;
  for (auto& ev : evals) {
    if (!ev.relevant) continue;
    any = true;
    auto f = explain(ctx, ev);
    f.decisive = true;
    out.findings.push_back(std::move(f));
    // C1: an earlier cycle the registry does not hold.
    if (const auto* c = std::get_if<certificate>(&ev.evidence->details);
        c && c->first_certified && *c->first_certified <= on && on < c->issued)
      out.findings.push_back(make_finding(ctx, finding_code::earlier_cycle_unrecorded, severity::info, ev.evidence, [&] {
        return cat({"Originally certified ", *c->first_certified, "; add the certificate of the earlier cycle to cover ", on, "."});
      }));
  }
  const auto& v = ctx.vendor(vendor);
  if (!any)
    out.findings.push_back(make_finding(ctx, finding_code::no_evidence, severity::blocking, nullptr, [&] {
      return cat({v.id.str(), " has no evidence on record for ", to_string(a), "."});
    }));
  // C16: say when inherited evidence would answer, so the reader knows what accepting it means.
  // The vendor's own evidence does not cover the date (above): only the inherited is evaluated.
  if (!ctx.pol.accept_inherited && !v.relies_on.empty()) {
    if (inherited_would_cover(ctx, vendor, a))
      out.findings.push_back(make_finding(ctx, finding_code::inherited, severity::info, nullptr, [&] {
        return cat({"A subservice organisation ", v.id.str(), " relies on holds evidence covering ", on,
                    "; it counts only when inherited evidence is accepted."});
      }));
  }
  return out;
}

} // namespace

std::vector<evidence_eval> evaluate_atom_evidence(const query_context& ctx, std::uint32_t vendor_index, const atom& a) {
  return evidence_evaluator::evaluate_atom_evidence_at(ctx, vendor_index, a, 0);
}

evidence_eval evaluate_evidence(const query_context& ctx, std::uint32_t vendor_index, const evidence& e, const atom& a) {
  evidence_evaluator eval(ctx, vendor_index, a, 0);
  return eval.run(e, via{vendor_index, false, std::nullopt, {}});
}

atom own_atom(const evidence& e, const catalog& frameworks) {
  atom a;
  a.framework = e.framework;
  // C12: a merchant-only SAQ answers only its explicit variant.
  if (const auto* s = std::get_if<self_assessment>(&e.details); s && s->variant)
    if (const auto* row = frameworks.find(e.framework.str()); row && row->is_merchant_only(*s->variant)) a.variant = s->variant;
  return a;
}

node_result evaluate(const query_context& ctx, std::uint32_t vendor, const requirement& req) {
  if (req.empty()) return {};
  if (req.nodes().size() == 1) return atom_result(ctx, vendor, req.atoms()[0]); // one atom: no tree to combine
  // Children precede parents: one forward pass, no recursion (Q2).
  std::vector<node_result> results(req.nodes().size());
  const date on = ctx.on;
  for (std::size_t n = 0; n < req.nodes().size(); ++n) {
    const auto& node = req.nodes()[n];
    auto& out = results[n];
    if (node.kind == requirement::op::atom) {
      out = atom_result(ctx, vendor, req.atoms()[node.atom_index]);
      continue;
    }
    const bool all = node.kind == requirement::op::all_of;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      const auto& child = results[node.children[i]];
      out.covered = i == 0 ? child.covered : (all ? out.covered & child.covered : out.covered | child.covered);
    }
    if (ctx.level == detail_level::none) continue;
    const bool covered = out.covered.contains(on);
    for (const auto c : node.children) {
      auto& child = results[c];
      // The branches that decided: covering ones of a covered `|`, failing ones of a failed `&`, else all.
      const bool decided = all ? (covered || !child.covered.contains(on)) : (!covered || child.covered.contains(on));
      for (auto& f : child.findings) {
        if (!decided) f.decisive = false;
        out.findings.push_back(std::move(f));
      }
      if (covered && decided)
        for (auto& id : child.satisfied)
          if (std::find(out.satisfied.begin(), out.satisfied.end(), id) == out.satisfied.end()) out.satisfied.push_back(id);
    }
  }
  return std::move(results.back());
}

} // namespace compliance::detail
