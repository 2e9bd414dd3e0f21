// lint: every load error of a registry document, plus the warnings the coverage rules ask for
// (C2, C4, C8, C11, C12, C13, C18) and unknown fields. Numbers come from the catalog in force
// (built-in rows with the document's overrides) and the thresholds the engine reads
// (rules/thresholds.hpp), never from constants here, except the one fact the catalog has no
// column for: when a report label was superseded (C11).
#include "compliance/json.hpp"

#include "io/json_internal.hpp"
#include "rules/thresholds.hpp"

#include <algorithm>

namespace compliance {

namespace {

/// C11: report labels that stopped being issued on a date, and what replaced them.
struct superseded_label {
  std::string_view framework;
  std::string_view name;
  std::string_view on;
  std::string_view successor;
};
constexpr superseded_label superseded_labels[] = {
    {"ssae16", "SSAE 16", "2017-05-01", "SSAE 18"},
};

class linter {
public:
  linter(const registry_data& data, const detail::walk_report& report, std::vector<diagnostic>& out)
      : data_(data), report_(report), out_(out), catalog_(catalog::builtin(), data.frameworks) {}

  void run() {
    for (std::size_t i = 0; i < data_.vendors.size(); ++i) {
      const vendor& v = data_.vendors[i];
      for (std::size_t j = 0; j < v.evidence.size(); ++j) {
        // A record with a load error is not looked at: its fields may be half read.
        if (!report_.clean(i, j)) continue;
        evidence_at_ = "/vendors/" + std::to_string(i) + "/evidence/" + std::to_string(j);
        check(v.evidence[j]);
      }
    }
  }

private:
  void add(diagnostic_level level, errc code, std::string lint_code, const std::string& suffix, std::string message) {
    out_.push_back(diagnostic{code, level, evidence_at_ + suffix, 0, 0, std::move(message), std::move(lint_code)});
  }
  void warn(errc code, std::string lint_code, const std::string& suffix, std::string message) {
    add(diagnostic_level::warning, code, std::move(lint_code), suffix, std::move(message));
  }

  void check(const evidence& e) {
    const framework_info* f = catalog_.find(e.framework.str());
    if (f == nullptr) return; // an unknown framework is a load error (registry::build)
    const std::string& id = e.id.str();
    const edition* ed = nullptr;
    if (e.edition) {
      ed = f->find_edition(*e.edition);
      if (ed == nullptr && !f->editions.empty())
        warn(errc::bad_value, "unknown-edition", "/edition",
             "Evidence \"" + id + "\" names edition \"" + *e.edition + "\" of " + f->id.str() +
                 ", which the catalog does not list (" + join_editions(*f) +
                 "); requirements cannot name it and edition cut-offs (C4) cannot apply.");
    } else if (f->default_edition) {
      ed = f->find_edition(*f->default_edition);
    }
    std::visit([&](const auto& d) { details(e, *f, ed, d); }, e.details);
  }

  static std::string join_editions(const framework_info& f) {
    std::string s;
    for (const auto& x : f.editions) s += (s.empty() ? "" : ", ") + x.id;
    return s;
  }

  static std::string describe(const framework_info& f) {
    return f.name.empty() ? f.id.str() : f.id.str() + " (" + f.name + ")";
  }

  void details(const evidence& e, const framework_info& f, const edition* ed, const certificate& c) {
    const std::string& id = e.id.str();
    // C18: guidance and laws issue no certificates.
    if (!f.certifiable)
      warn(errc::bad_value, "not-certifiable", "/framework",
           "Evidence \"" + id + "\" is a certificate for " + describe(f) +
               ", which is not certifiable: no certification body issues certificates against it" +
               (f.typical == evidence_type::attestation
                    ? "; record the vendor's statement as an attestation instead."
                    : "; check which standard the certificate actually names (ISO/IEC 27002 is guidance; "
                      "certificates are issued against ISO/IEC 27001)."));
    // C4: after an edition's transition deadline no initial or recertification audit may use it.
    if (ed != nullptr && ed->last_audit_day && c.audits) {
      for (std::size_t k = 0; k < c.audits->size(); ++k) {
        const audit& a = (*c.audits)[k];
        if ((a.kind == audit_kind::initial || a.kind == audit_kind::recertification) && a.on > *ed->last_audit_day)
          add(diagnostic_level::error, errc::bad_date, f.id.str() + "-" + ed->id + "-audit-after-transition",
              "/audits/" + std::to_string(k) + "/date",
              "Certificate \"" + id + "\" (" + f.id.str() + ":" + ed->id + ") records an " +
                  std::string(to_string(a.kind)) + " audit on " + to_string(a.on) + ", after " +
                  to_string(*ed->last_audit_day) + ", the last day an initial or recertification audit could use the " +
                  ed->id + " edition.");
      }
    }
    // C2: a suspension lasting six months or more usually ends in withdrawal.
    for (std::size_t k = 0; k < c.status.size(); ++k) {
      const status_event& s = c.status[k];
      if (s.state != status_state::suspended) continue;
      const std::optional<date> end = detail::suspension_end(c, s);
      if (detail::suspension_is_long(s, end))
        warn(errc::bad_interval, "suspension-exceeds-6-months", "/status/" + std::to_string(k),
             "Certificate \"" + id + "\" is suspended from " + to_string(s.from) +
                 (end ? " through " + to_string(*end) : std::string(" with no end recorded")) +
                 ", six months or more; a suspension that long usually ends in withdrawal: verify with the "
                 "certification body.");
    }
  }

  void details(const evidence& e, const framework_info& f, const edition*, const report& r) {
    const std::string& id = e.id.str();
    // C11: a label that had been superseded when the report was dated.
    for (const auto& label : superseded_labels) {
      if (f.id.str() != label.framework) continue;
      const std::optional<date> dated = r.issued ? r.issued : r.period_to ? r.period_to : r.as_of;
      const date cutoff = date_from_string(label.on);
      if (dated && *dated >= cutoff)
        warn(errc::bad_value, std::string(label.framework) + "-label", "/framework",
             "Report \"" + id + "\" is labelled " + std::string(label.name) + " but dated " + to_string(*dated) +
                 ", on or after " + std::string(label.on) + " when " + std::string(label.successor) + " superseded " +
                 std::string(label.name) + "; check the report's actual standard.");
    }
    // C8: a type 2 period under six months gives little evidence of operation over time.
    if (detail::period_is_short(r))
      warn(errc::bad_interval, "short-period", "/period",
           "The type 2 period of \"" + id + "\" runs from " + to_string(*r.period_from) + " to " +
               to_string(*r.period_to) + ", shorter than six months.");
  }

  void details(const evidence& e, const framework_info& f, const edition* ed, const self_assessment& s) {
    const std::string& id = e.id.str();
    // C12: an assessment against an edition that was not in force when it was completed.
    if (ed != nullptr && ((ed->in_force_from && s.completed < *ed->in_force_from) ||
                          (ed->in_force_through && s.completed > *ed->in_force_through)))
      warn(errc::bad_date, "pci-edition-not-in-force", "/edition",
           "Self-assessment \"" + id + "\" was completed on " + to_string(s.completed) + " against " + f.id.str() +
               " " + ed->id + ", which was in force " +
               (ed->in_force_from ? "from " + to_string(*ed->in_force_from) : std::string("")) +
               (ed->in_force_from && ed->in_force_through ? " " : "") +
               (ed->in_force_through ? "through " + to_string(*ed->in_force_through) : std::string("")) + ".");
    if (s.variant && !f.variants.empty() && !f.has_variant(*s.variant))
      warn(errc::bad_value, "unknown-variant", "/variant",
           "Self-assessment \"" + id + "\" names variant \"" + *s.variant + "\", which " + f.id.str() +
               " does not list; requirements cannot name it.");
  }

  void details(const evidence& e, const framework_info& f, const edition*, const listing& l) {
    const std::string& id = e.id.str();
    for (std::size_t k = 0; k < l.programs.size(); ++k) {
      const program* p = f.find_program(l.programs[k]);
      if (p == nullptr) {
        if (!f.programs.empty())
          warn(errc::bad_value, "unknown-program", "/programs/" + std::to_string(k),
               "Listing \"" + id + "\" names program \"" + l.programs[k] + "\", which " + f.id.str() +
                   " does not have; requirements cannot name it.");
        continue;
      }
      // C13: some programs only exist on top of another (`uk-extension` needs `eu-us`).
      for (const auto& need : p->needs)
        if (std::find(l.programs.begin(), l.programs.end(), need) == l.programs.end())
          warn(errc::bad_value, "program-prerequisite-missing", "/programs/" + std::to_string(k),
               "Listing \"" + id + "\" lists " + p->id + " without " + need + ", which " + p->id +
                   " cannot stand without.");
    }
  }

  void details(const evidence&, const framework_info&, const edition*, const attestation&) {}

  const registry_data& data_;
  const detail::walk_report& report_;
  std::vector<diagnostic>& out_;
  catalog catalog_;
  std::string evidence_at_;
};

} // namespace

std::vector<diagnostic> lint(std::string_view json_text) {
  std::vector<diagnostic> diags;
  auto parsed = detail::parse_text(json_text);
  if (parsed.failure) {
    detail::locate(json_text, diags, false, std::move(parsed.failure));
  } else {
    registry_data data;
    const auto report = detail::read_document(parsed.tape.root(), data, diags, true);
    // The same errors as load(): reference checks run on a document whose values read cleanly.
    if (report.errors == 0 && !parsed.duplicate_keys) {
      auto built = registry::build(data);
      if (!built) {
        diagnostics errors = built.error();
        diags.insert(diags.end(), std::make_move_iterator(errors.items.begin()),
                     std::make_move_iterator(errors.items.end()));
      }
    }
    linter(data, report, diags).run();
    detail::locate(json_text, diags, parsed.duplicate_keys, std::nullopt);
  }
  for (auto& d : diags)
    if (d.lint_code.empty()) d.lint_code = std::string(to_string(d.code));
  detail::sort_by_position(diags);
  return diags;
}

std::vector<diagnostic> lint_file(const std::string& path) {
  std::string text;
  diagnostic failure;
  if (!detail::read_file(path, text, failure)) {
    failure.message = path + ": " + failure.message;
    failure.lint_code = std::string(to_string(failure.code));
    return {std::move(failure)};
  }
  auto diags = lint(text);
  detail::prefix_messages(diags, path);
  return diags;
}

} // namespace compliance
