#include "compliance/requirement.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

using compliance::atom;
using compliance::errc;
using compliance::expression_error;
using compliance::framework_id;
using compliance::parse_requirement;
using compliance::report_type;
using compliance::requirement;
using compliance::try_parse_requirement;
using op = requirement::op;

namespace {

requirement parse(std::string_view text) { return parse_requirement(text); }

atom make_atom(const char* fw, std::optional<std::string> edition = {}, std::optional<report_type> type = {},
               std::optional<std::string> variant = {}, std::vector<std::string> programs = {},
               std::vector<std::string> criteria = {}) {
  return atom{framework_id(fw), std::move(edition), type, std::move(variant), std::move(programs), std::move(criteria)};
}

requirement of(const char* fw) { return requirement::of(make_atom(fw)); }

expression_error error_of(std::string_view text) {
  const auto r = try_parse_requirement(text);
  REQUIRE_MESSAGE(r.has_error(), text);
  return r.error();
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The layout Q2 promises, or the first way `r` breaks it: post-order (each node's subtree is the
// contiguous run just before it, children left to right), root last, no orphans, atoms in
// left-to-right order, no node directly under a node of the same operator.
std::string layout_problem(const requirement& r) {
  const auto& nodes = r.nodes();
  if (nodes.empty()) return "empty";
  std::vector<std::size_t> size(nodes.size(), 1);
  std::uint32_t next_atom = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    const std::string at = "node " + std::to_string(i) + ": ";
    if (n.kind == op::atom) {
      if (n.atom_index != next_atom++) return at + "atom out of order";
      continue;
    }
    if (n.children.size() < 2) return at + "fewer than two children";
    std::size_t expect = i; // the last child ends just before its parent
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) {
      if (*it + 1 != expect) return at + "children not contiguous post-order";
      if (nodes[*it].kind == n.kind) return at + "same operator not flattened";
      size[i] += size[*it];
      expect = *it + 1 - size[*it];
    }
  }
  if (next_atom != r.atoms().size()) return "atoms without nodes";
  if (size.back() != nodes.size()) return "orphan nodes";
  return "";
}

// Q3: the printed form parses back to an equal requirement, and printing is idempotent.
void check_round_trip(const requirement& r) {
  const std::string text = to_string(r);
  const auto again = try_parse_requirement(text);
  REQUIRE_MESSAGE(again.has_value(), text);
  CHECK_MESSAGE(*again == r, text);
  CHECK(to_string(*again) == text);
}

// Random expressions over the builtin catalog, written with random case, spacing, keyword
// operators and redundant parentheses, together with the same requirement built by of/|/&.
// mt19937's output is fixed by the standard, and only its raw output is used, so the set is the
// same everywhere.
class generator {
public:
  std::size_t pick(std::size_t n) { return rng_() % n; }
  bool chance(std::size_t percent) { return pick(100) < percent; }
  template <class T>
  const T& one_of(const std::vector<T>& v) { return v[pick(v.size())]; }

  std::string space() { return one_of<std::string>({"", "", "", " ", "  ", "\t", "\n "}); }

  std::string shout(std::string s) {
    for (auto& c : s)
      if (c >= 'a' && c <= 'z' && chance(20)) c = static_cast<char>(c - 'a' + 'A');
    return s;
  }

  std::pair<std::string, atom> random_atom() {
    atom a;
    std::vector<std::string> qualifiers, criteria;
    const auto maybe = [&](std::optional<std::string>& slot, const std::vector<std::string>& words) {
      if (chance(50)) qualifiers.push_back(*(slot = one_of(words)));
    };
    const auto subset = [&](std::vector<std::string>& out, const std::vector<std::string>& words) {
      for (const auto& w : words)
        if (chance(35)) out.push_back(w);
      if (!out.empty() && chance(20)) out.push_back(out.front()); // repeats collapse
    };
    switch (pick(5)) {
    case 0: a.framework = framework_id("iso27001"); maybe(a.edition, {"2005", "2013", "2022"}); break;
    case 1:
      a.framework = framework_id("soc2");
      if (chance(60)) {
        a.type = chance(50) ? report_type::type1 : report_type::type2;
        qualifiers.emplace_back(compliance::to_string(*a.type));
      }
      subset(criteria, {"security", "availability", "confidentiality", "processing-integrity", "privacy"});
      break;
    case 2:
      a.framework = framework_id("pci-dss");
      maybe(a.edition, {"3.2.1", "4.0", "4.0.1"});
      maybe(a.variant, {"saq-a", "saq-d", "roc", "saq-c-vt"});
      break;
    case 3:
      a.framework = framework_id("dpf");
      subset(a.programs, {"eu-us", "uk-extension", "swiss-us"});
      qualifiers = a.programs;
      break;
    default: a.framework = framework_id(one_of<std::string>({"iso27701", "soc3", "hipaa", "c5", "csa-star"}));
    }
    for (std::size_t i = qualifiers.size(); i > 1; --i) std::swap(qualifiers[i - 1], qualifiers[pick(i)]);
    std::string text = shout(a.framework.str());
    for (const auto& q : qualifiers) text += space() + ":" + space() + shout(q);
    if (!criteria.empty()) {
      text += space() + "[";
      for (std::size_t i = 0; i < criteria.size(); ++i) text += (i ? space() + "," : "") + space() + shout(criteria[i]);
      text += space() + "]";
    }
    a.criteria = criteria;
    std::sort(a.programs.begin(), a.programs.end());
    a.programs.erase(std::unique(a.programs.begin(), a.programs.end()), a.programs.end());
    std::sort(a.criteria.begin(), a.criteria.end());
    a.criteria.erase(std::unique(a.criteria.begin(), a.criteria.end()), a.criteria.end());
    return {text, a};
  }

  std::pair<std::string, requirement> expression(int depth) {
    if (depth == 0 || chance(20)) {
      auto [text, a] = random_atom();
      while (chance(10)) text = "(" + space() + text + space() + ")"; // single-element groups collapse
      return {text, requirement::of(a)};
    }
    const bool any = chance(50);
    const std::size_t count = 2 + pick(2);
    std::string text;
    requirement r;
    for (std::size_t i = 0; i < count; ++i) {
      auto [sub_text, sub] = expression(depth - 1);
      // `|` under `&` must be grouped; any operand may be.
      if ((!any && sub.nodes().back().kind == op::any_of) || chance(15)) sub_text = "(" + space() + sub_text + space() + ")";
      if (i != 0) {
        const std::string word = any ? one_of<std::string>({"|", "|", "or", "OR"}) : one_of<std::string>({"&", "&", "and", "And"});
        text += word.size() == 1 ? space() + word + space() : " " + word + " ";
        r = any ? r | sub : r & sub;
      } else {
        r = sub;
      }
      text += sub_text;
    }
    return {text, r};
  }

private:
  std::mt19937 rng_{20240611u};
};

} // namespace

TEST_CASE("Q1 the cli.md examples parse to the atoms they name") {
  CHECK(parse("iso27001") == of("iso27001"));
  CHECK(parse("iso27001:2022") == requirement::of(make_atom("iso27001", "2022")));
  CHECK(parse("soc2:type2[availability]") ==
        requirement::of(make_atom("soc2", {}, report_type::type2, {}, {}, {"availability"})));
  CHECK(parse("pci-dss:saq-d") == requirement::of(make_atom("pci-dss", {}, {}, "saq-d")));
  CHECK(parse("pci-dss:4.0:saq-d") == requirement::of(make_atom("pci-dss", "4.0", {}, "saq-d")));
  CHECK(parse("dpf:uk-extension") == requirement::of(make_atom("dpf", {}, {}, {}, {"uk-extension"})));
  CHECK(parse("iso27001 | soc2:type2") ==
        (of("iso27001") | requirement::of(make_atom("soc2", {}, report_type::type2))));
  CHECK(parse("(iso27001 & iso27701) | soc3") == ((of("iso27001") & of("iso27701")) | of("soc3")));
}

TEST_CASE("Q1 qualifiers resolve in any order, any case, with free whitespace") {
  const auto expected = requirement::of(make_atom("pci-dss", "4.0.1", {}, "saq-a-ep"));
  CHECK(parse("PCI-DSS:SAQ-A-EP:4.0.1") == expected);
  CHECK(parse(" pci-dss :\t4.0.1 : saq-a-ep\n") == expected);
  // Programs accumulate, sorted and without repeats; so do criteria.
  CHECK(parse("dpf:uk-extension:eu-us:uk-extension").atoms().at(0).programs ==
        std::vector<std::string>{"eu-us", "uk-extension"});
  CHECK(parse("soc2 [ Privacy , availability,privacy, security ]").atoms().at(0).criteria ==
        std::vector<std::string>{"availability", "privacy", "security"});
  CHECK(parse("soc3:type1[confidentiality]").atoms().at(0) ==
        make_atom("soc3", {}, report_type::type1, {}, {}, {"confidentiality"}));
  CHECK(parse("csa-star:caiq").atoms().at(0).variant == "caiq");
  CHECK(parse("iso27701:2025").atoms().at(0).edition == "2025");
}

TEST_CASE("Q1 requirement::of and add_atom store programs and criteria sorted and unique") {
  const auto r = requirement::of(make_atom("dpf", {}, {}, {}, {"swiss-us", "eu-us", "swiss-us"}));
  CHECK(r.atoms().at(0).programs == std::vector<std::string>{"eu-us", "swiss-us"});
  CHECK(parse(to_string(r)) == r);
}

TEST_CASE("Q1 add_node keeps children before their parent") {
  requirement r;
  CHECK_THROWS_AS(r.add_node({op::atom, 0, {}}), std::invalid_argument); // no atom yet
  const auto a = r.add_node({op::atom, r.add_atom(make_atom("soc3")), {}});
  CHECK_THROWS_AS(r.add_node({op::any_of, 0, {a, 5}}), std::invalid_argument);
  CHECK_THROWS_AS(r.add_node({op::all_of, 0, {}}), std::invalid_argument);
  const auto b = r.add_node({op::atom, r.add_atom(make_atom("hipaa")), {}});
  CHECK(r.add_node({op::any_of, 0, {a, b}}) == 2);
  CHECK(r == (of("soc3") | of("hipaa")));
}

TEST_CASE("Q2 & binds tighter than |, with the parser's flat layout") {
  const auto r = parse("iso27001 | soc2 & soc3");
  CHECK(r == (of("iso27001") | (of("soc2") & of("soc3"))));
  using node = requirement::node;
  CHECK(r.nodes() == std::vector<node>{{op::atom, 0, {}},
                                       {op::atom, 1, {}},
                                       {op::atom, 2, {}},
                                       {op::all_of, 0, {1, 2}},
                                       {op::any_of, 0, {0, 3}}});
  CHECK(r.root() == 4);
  CHECK(parse("iso27001 & soc2 | soc3") == ((of("iso27001") & of("soc2")) | of("soc3")));
  CHECK(parse("iso27001 & (soc2 | soc3)") == (of("iso27001") & (of("soc2") | of("soc3"))));
  CHECK(parse("iso27001 & (soc2 | soc3)").nodes().back().children == std::vector<std::uint32_t>{0, 3});
}

TEST_CASE("Q2 and / or are case-insensitive synonyms of & and |") {
  CHECK(parse("iso27001 or soc2 and soc3") == parse("iso27001 | soc2 & soc3"));
  CHECK(parse("iso27001 OR soc2 AnD soc3") == parse("iso27001 | soc2 & soc3"));
  CHECK(parse("(iso27001)or(soc2)") == parse("iso27001 | soc2"));
  // A keyword glued to a word is part of the word.
  CHECK(error_of("iso27001or soc2").code == errc::unknown_word);
}

TEST_CASE("Q2 nested groups of one operator are flattened, leaving no orphan nodes") {
  const auto flat = parse("iso27001 | soc2 | soc3");
  CHECK(flat.nodes().size() == 4);
  CHECK(flat.nodes().back().children == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(parse("iso27001 | (soc2 | soc3)") == flat);
  CHECK(parse("(iso27001 | soc2) | soc3") == flat);
  CHECK(parse("((iso27001 or soc2)) | ((soc3))") == flat);
  CHECK((of("iso27001") | (of("soc2") | of("soc3"))) == flat);
  CHECK(((of("iso27001") | of("soc2")) | of("soc3")) == flat);
  CHECK(parse("(iso27001 & soc2) & (soc3 & hipaa)") == parse("iso27001 & soc2 & soc3 & hipaa"));
  CHECK(parse("(((iso27001)))") == of("iso27001"));
  const auto mixed = parse("(iso27001 | (soc2 & (soc3 & hipaa))) & (gdpr | (ccpa | c5)) & tisax");
  CHECK(layout_problem(mixed).empty());
  CHECK(mixed.nodes().size() == 12); // 8 atoms, 4 operators
}

TEST_CASE("Q2 combine lays nodes out exactly as the parser does") {
  const std::vector<std::string> samples = {"iso27001", "soc2:type2[privacy]", "iso27001 | soc3", "iso27001 & soc3",
                                            "(iso27001 | soc2) & soc3", "iso27001 & soc2 | soc3 & hipaa",
                                            "dpf:eu-us | (pci-dss:roc & (c5 | tisax))"};
  for (const auto& x : samples)
    for (const auto& y : samples) {
      const auto a = parse(x), b = parse(y);
      const auto any = a | b, all = a & b;
      CHECK_MESSAGE(any == parse("(" + x + ") | (" + y + ")"), x, " | ", y);
      CHECK_MESSAGE(all == parse("(" + x + ") & (" + y + ")"), x, " & ", y);
      CHECK(layout_problem(any).empty());
      CHECK(layout_problem(all).empty());
      check_round_trip(any);
      check_round_trip(all);
    }
}

TEST_CASE("Q2 an empty requirement is the identity of | and the zero of &") {
  const requirement none;
  CHECK((none | of("soc3")) == of("soc3"));
  CHECK((of("soc3") | none) == of("soc3"));
  CHECK((none & of("soc3")).empty());
  CHECK((of("soc3") & none).empty());
  CHECK(to_string(none).empty());
}

TEST_CASE("Q2 a 10k-atom expression parses into one flat node") {
  std::string text = "iso27001";
  for (int i = 1; i < 10000; ++i) text += " | iso27001";
  const auto r = parse(text);
  CHECK(r.atoms().size() == 10000);
  CHECK(r.nodes().size() == 10001);
  CHECK(r.nodes().back().children.size() == 10000);
  CHECK(to_string(r) == text);
}

TEST_CASE("Q3 printing is canonical") {
  CHECK(to_string(parse("SOC2 : Type2 [ privacy , availability ]")) == "soc2:type2[availability,privacy]");
  CHECK(to_string(parse("pci-dss:saq-d:4.0")) == "pci-dss:4.0:saq-d");
  CHECK(to_string(parse("dpf:swiss-us:eu-us")) == "dpf:eu-us:swiss-us");
  CHECK(to_string(parse("(iso27001 and iso27701) or soc3")) == "iso27001 & iso27701 | soc3");
  CHECK(to_string(parse("(iso27001 | iso27701) & soc3")) == "(iso27001 | iso27701) & soc3");
  CHECK(to_string(parse("((iso27001))")) == "iso27001");
  CHECK(to_string(requirement::of(make_atom("pci-dss", "4.0", {}, "saq-d"))) == "pci-dss:4.0:saq-d");
}

TEST_CASE("Q3 parse(to_string(r)) == r for the examples and hand-picked expressions") {
  for (const char* text :
       {"iso27001", "iso27001:2022", "soc2:type2[availability]", "pci-dss:saq-d", "pci-dss:4.0:saq-d",
        "dpf:uk-extension", "iso27001 | soc2:type2", "(iso27001 & iso27701) | soc3", "iso27001 | soc2 & soc3",
        "(iso27001 | soc2) & (soc3 | hipaa) & gdpr", "dpf:eu-us:uk-extension:swiss-us & privacy-shield:eu-us",
        "soc2:type1[security,availability,confidentiality,processing-integrity,privacy]",
        "((soc3))", "c5:2020 | isae3402:type2 & ssae16:type1 | csa-star:certification"}) {
    const auto r = parse(text);
    CHECK(layout_problem(r).empty());
    check_round_trip(r);
  }
}

TEST_CASE("Q3 round trip and combine agree with the parser on generated expressions") {
  generator g;
  std::size_t atoms = 0;
  for (int i = 0; i < 300; ++i) {
    const auto made = g.expression(1 + static_cast<int>(g.pick(6)));
    const auto& text = made.first; // not structured bindings: the MESSAGE macros' lambdas take them (clang 14)
    const auto& built = made.second;
    const auto parsed = try_parse_requirement(text);
    REQUIRE_MESSAGE(parsed.has_value(), text, " -> ", parsed.has_error() ? parsed.error().to_string() : "");
    CHECK_MESSAGE(*parsed == built, text);
    CHECK_MESSAGE(layout_problem(*parsed).empty(), text);
    check_round_trip(*parsed);
    atoms += parsed->atoms().size();
  }
  CHECK(atoms > 1000); // the set really has depth
}

TEST_CASE("Q3 deep nesting parses and prints without deep recursion") {
  // 256 levels, alternating operators so nothing flattens.
  std::string text = "soc3";
  for (std::size_t i = 0; i < compliance::max_expression_depth; ++i)
    text = (i % 2 ? "iso27001 & (" : "iso27001 | (") + text + ")";
  const auto r = parse(text);
  CHECK(r.atoms().size() == compliance::max_expression_depth + 1);
  CHECK(layout_problem(r).empty());
  check_round_trip(r);
}

TEST_CASE("G3 errors say where, what was expected and the closest words") {
  struct expect_error {
    std::string text;
    errc code;
    std::size_t column;
    std::string message_part;
    std::vector<std::string> suggestions; // each must be offered
  };
  const std::vector<expect_error> cases = {
      {"iso2701", errc::unknown_word, 1, "unknown framework 'iso2701'", {"iso27001"}},
      {"soc2:type3", errc::unknown_word, 6, "'type3' is not a report type of soc2", {"type1", "type2"}},
      {"soc2[availabilty]", errc::unknown_word, 6, "'availabilty' is not a criterion of soc2", {"availability"}},
      {"iso27001 |", errc::expression_syntax, 11, "expected a framework id or '(' after '|' but found end of expression", {}},
      {"(iso27001", errc::expression_syntax, 10, "expected ')' to close the '(' at column 1 but found end of expression", {}},
      {"iso27001)", errc::expression_syntax, 9, "unexpected ')'", {}},
      {"iso27001 soc2", errc::expression_syntax, 10, "expected '&', '|' or end of expression after 'iso27001' but found 'soc2'", {}},
      {"", errc::expression_syntax, 1, "expected a framework id or '(' at the start but found end of expression", {}},
      {"  \t ", errc::expression_syntax, 5, "found end of expression", {}},
      {"iso27001:[", errc::expression_syntax, 10, "expected a qualifier after ':' but found '['", {}},
      {"iso27001[availability]", errc::unknown_word, 9, "iso27001 takes no criteria", {}},
      {"hipaa:2020", errc::unknown_word, 7, "hipaa takes no qualifiers", {}},
      {"pci-dss:4.1", errc::unknown_word, 9, "'4.1' is not an edition or a variant of pci-dss", {"4.0", "4.0.1"}},
      {"dpf:eu", errc::unknown_word, 5, "is not a program of dpf", {"eu-us"}},
      {"soc2[]", errc::expression_syntax, 6, "expected a criterion after '[' but found ']'", {}},
      {"soc2[privacy,]", errc::expression_syntax, 14, "expected a criterion after ','", {}},
      {"soc2[privacy", errc::expression_syntax, 13, "expected ',' or ']' after 'privacy'", {}},
      {"soc2[privacy]]", errc::expression_syntax, 14, "but found ']'", {}},
      {"soc2[security]:type1", errc::expression_syntax, 15, "after ']' but found ':'", {}}, // criteria come last
      {"soc2:type1:type2", errc::expression_syntax, 12, "a second report type 'type2' for soc2", {}},
      {"iso27001:2022:2013", errc::expression_syntax, 15, "a second edition '2013'", {}},
      {"pci-dss:saq-d:roc", errc::expression_syntax, 15, "a second variant 'roc'", {}},
      {"iso27001 | | soc2", errc::expression_syntax, 12, "after '|' but found '|'", {}},
      {"or iso27001", errc::expression_syntax, 1, "expected a framework id or '(' at the start but found 'or'", {}},
      {"iso27001 & ()", errc::expression_syntax, 13, "after '(' but found ')'", {}},
      {"iso27001 $ soc2", errc::expression_syntax, 10, "found '$'", {}},
      {"iso27001 \xC3\xA9", errc::expression_syntax, 10, "found byte 0xC3", {}},
      {"(iso27001 soc2)", errc::expression_syntax, 11, "expected ')' to close the '(' at column 1 but found 'soc2'", {}},
  };
  for (const auto& c : cases) {
    const auto e = error_of(c.text);
    INFO("expression: '", c.text, "' -> ", e.to_string());
    CHECK(e.code == c.code);
    CHECK(e.column == c.column);
    CHECK(e.message.find(c.message_part) != std::string::npos);
    CHECK(e.suggestions.size() <= 8);
    for (const auto& s : c.suggestions) CHECK(contains(e.suggestions, s));
    if (c.code != errc::unknown_word) CHECK(e.suggestions.empty());
  }
  CHECK(error_of("iso2701").suggestions.size() == 3);
  // Nothing close: the valid words are listed instead, at most eight of them.
  const auto far = error_of("pci-dss:zzzzzzzzzz");
  CHECK(far.suggestions.size() == 8);
  CHECK(far.suggestions.front() == "3.2.1");
  CHECK(error_of("soc2:zzzzzzzzzz").suggestions == std::vector<std::string>{"type1", "type2"});
}

TEST_CASE("G3 expression_error prints column, message and suggestions") {
  CHECK(error_of("soc2:type3").to_string() ==
        "column 6: 'type3' is not a report type of soc2 (did you mean: type1, type2?)");
  CHECK(error_of("iso27001)").to_string() == "column 9: unexpected ')' with no matching '('");
}

TEST_CASE("G3 parse_requirement and result::value throw expression_failure carrying the column") {
  try {
    (void)parse_requirement("iso27001 | soc2:type3");
    FAIL("no exception");
  } catch (const compliance::expression_failure& f) {
    CHECK(f.error().column == 17);
    CHECK(f.error().code == errc::unknown_word);
    CHECK(std::string(f.what()).rfind("column 17: ", 0) == 0);
  }
  CHECK_THROWS_AS((void)try_parse_requirement("(").value(), compliance::expression_failure);
  CHECK_THROWS_AS((void)try_parse_requirement("(").value(), std::invalid_argument);
}

TEST_CASE("G3 nesting and length beyond the limits are too_complex, cleanly") {
  const std::size_t depth = compliance::max_expression_depth;
  const auto nested = [](std::size_t n) { return std::string(n, '(') + "soc3" + std::string(n, ')'); };
  CHECK(parse(nested(depth)) == of("soc3"));
  const auto too_deep = error_of(nested(depth + 1));
  CHECK(too_deep.code == errc::too_complex);
  CHECK(too_deep.column == depth + 1);
  const auto very_deep = error_of(nested(10000));
  CHECK(very_deep.code == errc::too_complex);
  CHECK(very_deep.column == depth + 1);
  CHECK(error_of(std::string(10000, '(')).code == errc::too_complex);

  std::string longest = "soc3";
  longest.resize(compliance::max_expression_length, ' ');
  CHECK(parse(longest) == of("soc3"));
  longest += ' ';
  const auto too_long = error_of(longest);
  CHECK(too_long.code == errc::too_complex);
  CHECK(too_long.column == compliance::max_expression_length + 1);
}

TEST_CASE("G3 mangled expressions never throw or crash, and errors point inside the text") {
  generator g;
  const std::string alphabet = "()|&:[], \tasoc2iso27001-.\xff";
  for (int i = 0; i < 3000; ++i) {
    std::string text = g.expression(static_cast<int>(g.pick(3))).first;
    for (std::size_t edits = 1 + g.pick(3); edits > 0; --edits) {
      const std::size_t at = g.pick(text.size() + 1);
      const char c = alphabet[g.pick(alphabet.size())];
      switch (g.pick(3)) {
      case 0: text.insert(at, 1, c); break;
      case 1: if (at < text.size()) text.erase(at, 1); break;
      default: if (at < text.size()) text[at] = c;
      }
    }
    INFO("expression: '", text, "'");
    const auto r = try_parse_requirement(text);
    if (r) {
      CHECK(layout_problem(*r).empty());
      check_round_trip(*r);
    } else {
      CHECK(r.error().column >= 1);
      CHECK(r.error().column <= text.size() + 1);
      CHECK(!r.error().message.empty());
    }
  }
}
