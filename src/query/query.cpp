// The query API of registry (G2, G4, W1–W4), assembled from the engine's interval sets.
#include "compliance/registry.hpp"
#include "compliance/surveillance.hpp"

#include "registry/registry_impl.hpp"
#include "rules/engine.hpp"
#include "util/platform.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <set>

namespace compliance {

namespace {

using detail::detail_level;
using detail::registry_query;

coverage_status status_of(bool covered, const std::vector<finding>& findings) {
  if (!covered) return coverage_status::not_covered;
  for (const auto& f : findings)
    if (f.decisive && f.severity == severity::warning) return coverage_status::covered_with_warnings;
  return coverage_status::covered;
}

/// G4: the run containing the date, else the last run before it and the next window after it.
void fill_run(verdict& v, const interval_set& covered, date on) {
  if (const auto* run = covered.find(on)) {
    v.covered_since = run->first;
    if (!run->open_ended()) v.covered_until = run->last;
    return;
  }
  if (const auto* before = covered.last_before(on)) {
    v.covered_since = before->first;
    v.covered_until = before->last;
  }
  if (const auto* after = covered.first_after(on)) v.next_covered_from = after->first;
}

bool no_options(const query_options& o) noexcept {
  return !o.service && !o.region && !o.plan && !o.minimum_assurance && o.policy.empty();
}

/// is_covered through the engine (qualified atoms, query options).
bool engine_covered(const detail::registry_impl& reg, std::string_view vendor_name, const requirement& req, date on,
                    const query_options& options) {
  const auto [index, offset] = reg.locate(vendor_name);
  if (index < 0) return false;
  const auto i = static_cast<std::uint32_t>(index);
  registry_query q(reg, options, on, detail_level::none, req);
  const auto& ctx = q.ctx;
  q.vendors.locate(i, offset);
  return detail::evaluate(ctx, i, req).covered.contains(on);
}

// How a registry answers a requirement without options (its route): worked out by prepare() once
// for a prepared_requirement, else on each call. is_covered takes the route it names; check reads
// the catalog row from it, to narrow what it decodes without looking the framework up again.
constexpr std::uint64_t by_engine = 0;     ///< qualified atoms: the engine
constexpr std::uint64_t by_slot = 1;       ///< several bare atoms: the vendor's slot, evaluated
constexpr std::uint64_t one_framework = 3; ///< one bare atom: one_framework + its catalog row (-1: none)

std::uint64_t route_of(const detail::registry_impl& impl, const requirement& req) noexcept {
  if (!detail::fast_index::answers(req)) return by_engine;
  if (req.nodes().size() > 1) return by_slot;
  return static_cast<std::uint64_t>(impl.fast().framework_row(req.atoms()[0].framework.str()) + 1) + one_framework - 1;
}

/// The catalog row of a one-framework route, else -1.
std::int64_t row_of(std::uint64_t route) noexcept {
  return route >= one_framework ? static_cast<std::int64_t>(route - one_framework) : -1;
}

} // namespace

prepared_requirement registry::prepare(requirement req) const {
  prepared_requirement p;
  p.route_ = route_of(*impl_, req);
  p.registry_ = impl_->serial();
  p.req_ = std::move(req);
  return p;
}

std::uint64_t registry::route_for(const prepared_requirement& req) const noexcept {
  return req.registry_ == impl_->serial() ? req.route_ : route_of(*impl_, req.req_);
}

verdict registry::check(std::string_view vendor_name, const prepared_requirement& req, date on,
                        const query_options& options) const {
  return check_on_route(vendor_name, req.req_, route_for(req), on, options);
}

verdict registry::check(std::string_view vendor_name, const requirement& req, date on, const query_options& options) const {
  return check_on_route(vendor_name, req, route_of(*impl_, req), on, options);
}

verdict registry::check_on_route(std::string_view vendor_name, const requirement& req, std::uint64_t route, date on,
                                 const query_options& options) const {
  verdict v;
  v.on = on;
  const auto [index, offset] = impl_->locate(vendor_name);
  if (index < 0) { // G2: an answer, never an exception, never a silent "not covered"
    v.suggestions = closest_vendors(vendor_name);
    finding f{finding_code::unknown_vendor, severity::blocking, std::nullopt,
              "No vendor called \"" + std::string(vendor_name) + "\" is in the registry" +
                  (v.suggestions.empty() ? std::string(".") : " (closest: " + detail::join(v.suggestions) + ")."),
              true};
    v.findings.push_back(std::move(f));
    return v;
  }
  const auto i = static_cast<std::uint32_t>(index);
  // One bare atom: its catalog row, from the route, saves looking its framework up again.
  registry_query q(*impl_, options, on, detail_level::full, req, row_of(route));
  const auto& ctx = q.ctx;
  q.vendors.locate(i, offset);
  v.vendor = ctx.vendor(i).id;
  auto r = detail::evaluate(ctx, i, req);
  v.status = status_of(r.covered.contains(on), r.findings);
  v.satisfied_by = std::move(r.satisfied);
  v.findings = std::move(r.findings);
  if (req.empty())
    v.findings.push_back(finding{finding_code::no_evidence, severity::blocking, std::nullopt,
                                 "The requirement is empty: nothing can satisfy it.", true});
  fill_run(v, r.covered, on);
  return v;
}

namespace {

/// One bare framework, by its route (one_framework + its catalog row), for `vendor_name` on `on`
/// (not a special date): the query index's precomputed sets (fast_index.hpp), the whole lookup
/// inlined.
inline bool covered_on_row(const detail::registry_impl& impl, std::string_view vendor_name, std::uint64_t route,
                           date on) noexcept {
  return impl.fast().covered_row(vendor_name, static_cast<std::int64_t>(route - one_framework),
                               static_cast<std::uint32_t>(on.day_number()));
}

/// is_covered without options, by `route`. Out of line: the common case, one bare framework
/// prepared, is answered by registry::is_covered itself, which then saves no registers and calls
/// nothing else.
COMPLIANCE_NOINLINE bool covered_by_route(const detail::registry_impl& impl, std::string_view vendor_name,
                                        const requirement& req, std::uint64_t route, date on) {
  // Bare atoms: the engine's sets, precomputed at build (fast_index.hpp).
  if (route >= one_framework && !on.is_special()) return covered_on_row(impl, vendor_name, route, on);
  if (route == by_slot && !on.is_special()) {
    const auto slot = impl.fast().slot_of(vendor_name);
    return slot >= 0 && impl.fast().covered(static_cast<std::uint32_t>(slot), req, static_cast<std::uint32_t>(on.day_number()));
  }
  static const query_options none;
  return engine_covered(impl, vendor_name, req, on, none);
}

} // namespace

bool registry::is_covered(std::string_view vendor_name, const prepared_requirement& req, date on) const {
  if (req.registry_ == impl_->serial() && req.route_ >= one_framework && !on.is_special())
    return covered_on_row(*impl_, vendor_name, req.route_, on);
  return covered_by_route(*impl_, vendor_name, req.req_, route_for(req), on);
}

bool registry::is_covered(std::string_view vendor_name, const requirement& req, date on) const {
  return covered_by_route(*impl_, vendor_name, req, route_of(*impl_, req), on);
}

bool registry::is_covered(std::string_view vendor_name, const prepared_requirement& req, date on,
                          const query_options& options) const {
  if (no_options(options)) return is_covered(vendor_name, req, on);
  return engine_covered(*impl_, vendor_name, req.req_, on, options);
}

bool registry::is_covered(std::string_view vendor_name, const requirement& req, date on, const query_options& options) const {
  if (no_options(options)) return is_covered(vendor_name, req, on);
  return engine_covered(*impl_, vendor_name, req, on, options);
}

void registry::is_covered(const requirement& req, const point_query* queries, std::size_t count, bool* answers,
                          const query_options& options) const {
  if (no_options(options) && detail::fast_index::answers(req)) return impl_->fast().covered(req, queries, count, answers);
  for (std::size_t i = 0; i < count; ++i) answers[i] = is_covered(queries[i].vendor, req, queries[i].on, options);
}

coverage_result registry::coverage(std::string_view vendor_name, const requirement& req, interval range,
                                   const query_options& options) const {
  coverage_result out;
  out.range = range;
  const auto index = impl_->find(vendor_name);
  if (index >= 0) {
    out.vendor = vendor_id(impl_->vendors().id(static_cast<std::size_t>(index)));
    registry_query q(*impl_, options, range.first, detail_level::none, req);
    const auto& ctx = q.ctx;
    out.covered = detail::evaluate(ctx, static_cast<std::uint32_t>(index), req).covered.clip(range);
  }
  out.gaps = out.covered.gaps(range);
  return out;
}

std::vector<vendor_id> registry::covered_vendors(const requirement& req, date on, const query_options& options) const {
  std::vector<vendor_id> out;
  const auto& vendors = impl_->vendors();
  const auto count = static_cast<std::uint32_t>(vendors.size());
  if (no_options(options) && detail::fast_index::answers(req) && !on.is_special()) {
    const auto covered = impl_->fast().covered_vendors(req, static_cast<std::uint32_t>(on.day_number()));
    for (std::uint32_t i = 0; i < count; ++i)
      if (covered[i]) out.emplace_back(vendors.id(i));
    return out;
  }
  registry_query q(*impl_, options, on, detail_level::none);
  const auto& ctx = q.ctx;
  for (std::uint32_t i = 0; i < count; ++i) {
    q.vendors.forget();
    if (detail::evaluate(ctx, i, req).covered.contains(on)) out.emplace_back(vendors.id(i));
  }
  return out;
}

matrix_result registry::matrix(const std::vector<requirement>& reqs, date on, const query_options& options) const {
  matrix_result m;
  m.on = on;
  for (const auto& r : reqs) m.requirements.push_back(to_string(r));
  registry_query q(*impl_, options, on, detail_level::codes);
  const auto& ctx = q.ctx;
  const auto& vendors = impl_->vendors();
  for (std::uint32_t i = 0; i < vendors.size(); ++i) {
    q.vendors.forget();
    m.vendors.emplace_back(vendors.id(i));
    auto& row = m.cells.emplace_back();
    for (const auto& req : reqs) {
      auto r = detail::evaluate(ctx, i, req);
      matrix_cell cell;
      const bool covered = r.covered.contains(on);
      cell.status = status_of(covered, r.findings);
      if (const auto* run = covered ? r.covered.find(on) : nullptr; run && !run->open_ended()) {
        cell.covered_until = run->last;
        cell.days_left = days_between(on, run->last);
      }
      row.push_back(cell);
    }
  }
  return m;
}

namespace {

/// W1: what renews the coverage of `ev` past `last`.
renewal_kind renewal_for(const detail::evidence_eval& ev, date last) {
  const auto starts_after = [&](finding_code code) {
    for (const auto& c : ev.cuts)
      if (c.code == code && c.days.contains(last + boost::gregorian::days(1))) return true;
    return false;
  };
  switch (ev.evidence->type()) {
  case evidence_type::certificate:
    return starts_after(finding_code::surveillance_overdue) ? renewal_kind::surveillance_audit
                                                            : renewal_kind::recertification_audit;
  case evidence_type::report: return renewal_kind::new_report_or_bridge_letter;
  case evidence_type::self_assessment: return renewal_kind::new_self_assessment;
  case evidence_type::listing: return renewal_kind::annual_recertification;
  case evidence_type::attestation:
    return starts_after(finding_code::agreement_missing) ? renewal_kind::agreement_renewal
                                                         : renewal_kind::renewed_attestation;
  }
  return renewal_kind::recertification_audit;
}

const char* renewal_sentence(renewal_kind k) {
  switch (k) {
  case renewal_kind::recertification_audit: return "a recertification audit and a new certificate are needed";
  case renewal_kind::surveillance_audit: return "the next surveillance audit is due";
  case renewal_kind::new_report_or_bridge_letter: return "a new report, or a bridge letter, is needed";
  case renewal_kind::new_self_assessment: return "a new self-assessment (attestation of compliance) is needed";
  case renewal_kind::annual_recertification: return "the annual re-certification of the listing is due";
  case renewal_kind::renewed_attestation: return "a renewed attestation is needed";
  case renewal_kind::agreement_renewal: return "the agreement it depends on must be renewed";
  }
  return "";
}

} // namespace

std::vector<expiring_item> registry::expiring(date on, long days, const query_options& options) const {
  std::vector<expiring_item> out;
  query_options own = options;
  own.policy.accept_inherited = false; // renewals are the vendor's own
  registry_query q(*impl_, own, on, detail_level::none);
  const auto& ctx = q.ctx;
  const auto count = static_cast<std::uint32_t>(impl_->vendors().size());
  const date horizon = add_days(on, days);
  auto add = [&](const vendor& v, const evidence& e, const atom& a, date ends, renewal_kind kind) -> expiring_item& {
    expiring_item item;
    item.vendor = v.id;
    item.evidence = e.id;
    item.framework = e.framework;
    item.requirement = to_string(a);
    item.ends = ends;
    item.days_left = days_between(on, ends);
    item.renewal = kind;
    item.message = detail::cat({v.id.str(), ": ", e.framework.str(), " (", e.id.str(), ") is covered through ", ends, ", ",
                                item.days_left, " days from ", on, "; ", renewal_sentence(kind), "."});
    out.push_back(std::move(item));
    return out.back();
  };
  // C5: an interim audit owed by a certificate's cycle, shown by its due date and grace limit.
  auto add_audit = [&](const vendor& v, const evidence& e, const atom& a, const surveillance_due& d) {
    auto& item = add(v, e, a, d.due, renewal_kind::surveillance_audit);
    item.grace_until = d.grace_until;
    const bool grace = d.grace_until != d.due;
    item.message = detail::cat({v.id.str(), ": ", e.framework.str(), " (", e.id.str(), ") has surveillance audit ",
                                static_cast<long>(d.number), " due on ", d.due, ", ", item.days_left, " days from ", on,
                                grace ? " (grace through " : "", grace ? detail::piece(d.grace_until) : detail::piece(""),
                                grace ? ")" : "", "; ", renewal_sentence(renewal_kind::surveillance_audit), "."});
  };
  // The interim audits a certificate evaluated for W1 owes, not met on time by the audits recorded.
  auto missed_audits = [&](const detail::evidence_eval& ev) {
    std::vector<surveillance_due> missed;
    const auto* c = std::get_if<certificate>(&ev.evidence->details);
    const auto* row = c ? impl_->frameworks().find(ev.evidence->framework.str()) : nullptr;
    if (!row || !row->cycle) return missed;
    for (auto& d : surveillance_schedule(*c, *row->cycle, ctx.pol, on))
      if (!d.on_time) missed.push_back(std::move(d));
    return missed;
  };
  // Only the vendors with a run ending, or an interim audit falling due, in the window can list
  // something (index/renewal_index.hpp); with query options the index was not built under, or an
  // empty window, every vendor is evaluated (the scan).
  std::vector<std::uint32_t> candidates;
  const auto* renewals = impl_->fast().renewals();
  const bool indexed = renewals && no_options(options) && days >= 0;
  if (indexed) candidates = renewals->candidates(on, horizon);
  const auto evaluated = indexed ? static_cast<std::uint32_t>(candidates.size()) : count;
  for (std::uint32_t k = 0; k < evaluated; ++k) {
    const std::uint32_t i = indexed ? candidates[k] : k;
    q.vendors.forget();
    const vendor& v = ctx.vendor(i);
    std::vector<atom> atoms; // one per framework (merchant-only SAQs apart, C12)
    for (const auto& e : v.evidence) {
      auto a = detail::own_atom(e, impl_->frameworks());
      if (std::find(atoms.begin(), atoms.end(), a) == atoms.end()) atoms.push_back(std::move(a));
    }
    for (const auto& a : atoms) {
      const auto evals = detail::evaluate_atom_evidence(ctx, i, a);
      interval_set total;
      for (const auto& ev : evals) total = total | ev.covered;
      const auto* run = total.find(on);
      if (!run) continue;
      // C5 (warn): a surveillance audit falling due inside the window, or in its grace now, is a
      // renewal too (strict: coverage ends at its grace limit, the run's end below).
      if (ctx.pol.surveillance == surveillance_policy::warn)
        for (const auto& ev : evals)
          if (ev.covered.contains(on))
            for (const auto& d : missed_audits(ev))
              if (d.due <= horizon && d.grace_until >= on) add_audit(v, *ev.evidence, a, d);
      if (run->open_ended() || run->last > horizon) continue;
      for (const auto& ev : evals)
        if (ev.covered.contains(run->last)) {
          const auto kind = renewal_for(ev, run->last);
          const surveillance_due* audit = nullptr;
          std::vector<surveillance_due> missed;
          if (kind == renewal_kind::surveillance_audit) {
            missed = missed_audits(ev);
            for (const auto& d : missed)
              if (d.grace_until == run->last) audit = &d;
          }
          if (audit) add_audit(v, *ev.evidence, a, *audit);
          else add(v, *ev.evidence, a, run->last, kind);
          break;
        }
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const expiring_item& a, const expiring_item& b) {
    if (a.ends != b.ends) return a.ends < b.ends;
    if (a.vendor != b.vendor) return a.vendor < b.vendor;
    return a.framework < b.framework;
  });
  return out;
}

} // namespace compliance

namespace compliance {

timeline_result registry::timeline(std::string_view vendor_name, interval range, date on,
                                   const query_options& options) const {
  timeline_result out;
  out.range = range;
  out.on = on;
  const auto index = impl_->find(vendor_name);
  if (index < 0) return out;
  const auto i = static_cast<std::uint32_t>(index);
  query_options own = options;
  own.policy.accept_inherited = false;
  registry_query q(*impl_, own, on, detail_level::none);
  const auto& ctx = q.ctx;
  const vendor& v = ctx.vendor(i);
  out.vendor = v.id;
  const auto in_range = [&](date d) { return range.contains(d); };
  for (const auto& e : v.evidence) {
    const auto evals = detail::evaluate_atom_evidence(ctx, i, detail::own_atom(e, impl_->frameworks()));
    const auto it = std::find_if(evals.begin(), evals.end(), [&](const auto& ev) { return ev.evidence == &e; });
    if (it == evals.end()) continue;
    const auto& ev = *it;
    timeline_lane lane;
    lane.evidence = e.id;
    lane.framework = e.framework;
    lane.label = e.framework.str() + (e.edition ? ":" + *e.edition : std::string()) + " " +
                 std::string(to_string(e.type())) + " " + e.id.str();
    // Paint from the weakest layer up: covered, then its notes, then removed days on top.
    std::vector<std::pair<interval_set, lane_segment>> layers;
    layers.push_back({ev.covered, lane_segment{{}, segment_kind::covered, std::nullopt}});
    for (const auto& n : ev.notes) {
      const segment_kind k = n.code == finding_code::report_grace ? segment_kind::grace
                             : n.code == finding_code::bridged    ? segment_kind::bridge
                                                                  : segment_kind::warning;
      layers.push_back({n.days & ev.covered, lane_segment{{}, k, n.code}});
    }
    for (const auto& c : ev.cuts) layers.push_back({c.days, lane_segment{{}, segment_kind::removed, c.code}});
    std::vector<lane_segment> painted;
    interval_set taken;
    for (auto l = layers.rbegin(); l != layers.rend(); ++l) {
      const interval_set visible = (l->first - taken).clip(range);
      for (const auto& run : visible.runs()) {
        lane_segment s = l->second;
        s.days = run;
        painted.push_back(s);
      }
      taken = taken | l->first;
    }
    std::sort(painted.begin(), painted.end(), [](const lane_segment& a, const lane_segment& b) { return a.days.first < b.days.first; });
    lane.segments = std::move(painted);
    if (const auto* c = std::get_if<certificate>(&e.details)) {
      if (c->audits)
        for (const auto& a : *c->audits)
          if (in_range(a.on))
            lane.marks.push_back({a.on, std::string(to_string(a.kind)) + " audit (" + std::string(to_string(a.outcome)) + ")"});
      for (const auto& s : c->status)
        if (in_range(s.from)) lane.marks.push_back({s.from, std::string(to_string(s.state))});
      // C5: the interim audits the framework's cycle owes, by their due dates.
      if (const auto* row = impl_->frameworks().find(e.framework.str()); row && row->cycle)
        for (const auto& d : surveillance_schedule(*c, *row->cycle, ctx.pol, on))
          if (in_range(d.due))
            lane.marks.push_back({d.due, detail::cat({"surveillance ", static_cast<long>(d.number), " due (",
                                                      to_string(d.state), ")"})});
    } else if (const auto* r = std::get_if<report>(&e.details)) {
      for (const auto& b : r->bridge_letters)
        if (b.issued && in_range(*b.issued)) lane.marks.push_back({*b.issued, "bridge letter"});
      if (r->issued && in_range(*r->issued)) lane.marks.push_back({*r->issued, "report issued"});
    }
    std::sort(lane.marks.begin(), lane.marks.end(), [](const lane_mark& a, const lane_mark& b) { return a.on < b.on; });
    out.lanes.push_back(std::move(lane));
  }
  for (const auto& a : v.agreements) {
    timeline_lane lane;
    lane.label = std::string(to_string(a.kind)) + " agreement";
    const interval_set days = interval_set(interval{a.signed_on, a.ends ? *a.ends : max_date()}).clip(range);
    for (const auto& run : days.runs()) lane.segments.push_back({run, segment_kind::covered, std::nullopt});
    if (in_range(a.signed_on)) lane.marks.push_back({a.signed_on, "signed"});
    out.lanes.push_back(std::move(lane));
  }
  return out;
}

} // namespace compliance
