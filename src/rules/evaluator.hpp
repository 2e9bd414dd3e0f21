// The evidence evaluator: one evidence against one atom, for one query. Its members are the
// coverage rules; each evidence family's live in a file of their own (certificates.cpp C1–C6,
// reports.cpp C7–C11, self_assessments.cpp C12, listings.cpp C13, attestations.cpp C14, scope.cpp
// C15, inheritance.cpp C16, assurance.cpp C17), and engine.cpp runs them in order and combines
// atoms (Q2). Internal to the rules layer: the rest of the library calls engine.hpp.
#ifndef COMPLIANCE_SRC_RULES_EVALUATOR_HPP
#define COMPLIANCE_SRC_RULES_EVALUATOR_HPP

#include "rules/engine.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace compliance::detail {

inline interval_set from(date first) { return interval_set(interval{first, max_date()}); }
inline interval_set span(date first, date last) { return interval_set(interval{first, last}); }

/// A finding whose message is only built when the query wants messages.
template <class Message>
finding make_finding(const query_context& ctx, finding_code code, severity sev, const evidence* e, Message&& message) {
  finding f;
  f.code = code;
  f.severity = sev;
  if (e) f.evidence = e->id;
  if (ctx.level == detail_level::full) f.message = message();
  return f;
}

inline bool contains_ci(const std::vector<std::string>& values, const std::string& v) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& x) { return iequals(x, v); });
}

/// C13: why a listing whose status is not active stopped counting.
std::string inactive_sentence(const evidence& e, const listing& l);
/// C13: a listing removed or inactive no later than its last day (its cut runs past next_due).
bool stopped_before_due(const listing& l, date last);

/// The path by which a vendor's evidence is reached: its own, or inherited (C16).
struct via {
  std::uint32_t vendor;                             ///< holder of the evidence
  bool inherited = false;
  std::optional<std::vector<std::string>> services; ///< C16: every link on the path restricts
  std::vector<std::uint32_t> chain;                 ///< the vendors relied on, outermost first
};

class evidence_evaluator {
public:
  evidence_evaluator(const query_context& ctx, std::uint32_t queried, const atom& a, int depth)
      : ctx_(ctx), queried_(queried), atom_(a), depth_(depth) {}

  evidence_eval run(const evidence& e, const via& path) {
    evidence_eval out;
    run(e, path, out);
    return out;
  }
  /// run(), into `out` (a new evidence_eval): a query's evaluations are written where they are
  /// kept, not moved there.
  void run(const evidence& e, const via& path, evidence_eval& out);

  /// Every evidence of `vendor` (unless `own` is false) and, when the context accepts inherited
  /// evidence, of the vendors it relies on, that speaks to `a`, evaluated against it (C16:
  /// inheritance.cpp).
  static std::vector<evidence_eval> evaluate_atom_evidence_at(const query_context& ctx, std::uint32_t vendor,
                                                              const atom& a, int depth, bool own = true);

private:
  // --- engine.cpp: the order the rules run in ---
  /// All-or-nothing usability: qualifiers, scope, assurance and opinion, in this order.
  bool usable(const via& path);
  /// The findings that hold whenever this evidence covers (C11, C15, C16, C8, C9), in that order.
  void remarks(const via& path);
  /// Q1: the edition qualifier (evidence without an edition reads as the row's default, C6).
  bool edition_ok();
  void reject(finding_code code, std::string message);
  template <class Message>
  void remark(finding_code code, severity sev, Message&& message) {
    out_->always.push_back(make_finding(ctx_, code, sev, e_, message));
  }
  template <class Message>
  void cut(interval_set days_, finding_code code, Message&& message) {
    add_segment(out_->cuts, std::move(days_), code, severity::blocking, message);
  }
  template <class Message>
  void note(interval_set days_, finding_code code, severity sev, Message&& message) {
    add_segment(out_->notes, std::move(days_), code, sev, message);
  }
  /// Adds to `to` (the cuts or the notes) the days of `days_` within the base, with what they
  /// carry. The message is only built when the query wants messages and its date is in them (a
  /// finding is only ever reported for the query date).
  template <class Message>
  void add_segment(std::vector<segment>& to, interval_set days_, finding_code code, severity sev, Message&& message) {
    days_ = days_ & out_->base;
    if (days_.empty()) return;
    if (to.empty()) to.reserve(4); // an evidence has few: one allocation, no regrowth
    auto& s = to.emplace_back(segment{std::move(days_), code, sev, {}});
    if (ctx_.level == detail_level::full && s.days.contains(ctx_.on)) s.message = message();
  }

  // --- certificates.cpp (C1–C6) ---
  void dates(const certificate& c);
  /// C5: the surveillance cycle, anchored at `issued`.
  void surveillance(const certificate& c);
  /// C6: 27017, 27018, 27701:2019 cover only while the vendor's own 27001 does. `ed`: the catalog
  /// row of the certificate's edition, if it has one.
  void requires_(const edition* ed);

  // --- reports.cpp (C7–C11) ---
  /// C11: does this evidence speak to the atom's framework at all? A report of a type the
  /// equivalence does not accept (a SOC 2 type 1 asked for as soc3) still speaks to the atom: it is
  /// rejected as type-insufficient (C8), not passed over as no evidence.
  bool matches_framework();
  void dates(const report& r);
  bool type_short_ok(); ///< C8 through C11: an equivalence only a type 2 report satisfies
  bool type_ok();       ///< C8: type 1 never satisfies :type2; type 2 satisfies :type1
  bool criteria_ok();   ///< C10: criteria; security is implied
  bool opinion_ok();    ///< C9: adverse and disclaimer opinions cover nothing
  void equivalence_remark(); ///< C11
  void report_remarks();     ///< C8 short period, C9 qualified or unknown opinion

  // --- self_assessments.cpp (C12) ---
  void dates(const self_assessment& s);
  bool variant_ok(); ///< C12: variants; merchant-only SAQs satisfy only their explicit variant

  // --- listings.cpp (C13) ---
  void dates(const listing& l);
  bool programs_ok(); ///< C13: programs (with the programs they need)
  std::vector<std::string> required_programs() const;

  // --- attestations.cpp (C14) ---
  void dates(const attestation& a);

  // --- scope.cpp (C15) ---
  // C15 (and C16's link restrictions on the services axis).
  struct axis {
    const char* name;
    const std::optional<std::string>& wanted;
    const std::vector<std::string>& allowed;
  };
  /// Calls `f` with each axis this evidence limits (through the path, C16) until `f` returns false.
  template <class F>
  bool each_axis(const via& path, F&& f) const {
    const auto limit = [](const std::optional<std::vector<std::string>>& v) { return v ? &*v : nullptr; };
    const std::vector<std::string>* services = e_->scope ? limit(e_->scope->services) : nullptr;
    std::vector<std::string> both; // the evidence's services that every link on the path allows
    if (path.services) {
      if (!services) services = &*path.services;
      else {
        for (const auto& s : *services)
          if (contains_ci(*path.services, s)) both.push_back(s);
        services = &both;
      }
    }
    if (services && !f(axis{"service", ctx_.opts.service, *services})) return false;
    if (!e_->scope) return true;
    if (e_->scope->regions && !f(axis{"region", ctx_.opts.region, *e_->scope->regions})) return false;
    return !e_->scope->plans || f(axis{"plan", ctx_.opts.plan, *e_->scope->plans});
  }
  bool in_scope(const via& path);
  /// C15: the axes the query does not name, which the evidence limits.
  void scoped(const via& path);

  // --- inheritance.cpp (C16) ---
  void inherited_remark(const via& path);

  // --- assurance.cpp (C17) ---
  bool assurance_ok(); ///< C17: minimum assurance

  const query_context& ctx_;
  std::uint32_t queried_;
  const atom& atom_;
  int depth_;
  const evidence* e_ = nullptr;
  evidence_eval* out_ = nullptr;
  const equivalence* equivalence_ = nullptr; ///< C11: the row by which e_ satisfies the atom, if not its own
  bool type_short_ = false; ///< C8/C11: equivalence_ needs a type 2 report and e_ is a type 1
  const framework_info* row_ = nullptr;
};

/// C16: whether evidence of the vendors `vendor` relies on (not its own) would cover `a` on the
/// query date if inherited evidence were accepted (inheritance.cpp).
bool inherited_would_cover(const query_context& ctx, std::uint32_t vendor, const atom& a);

} // namespace compliance::detail

#endif
