// Requirement expressions: the parser of cli.md's grammar (Q1, G3), the flat node layout that
// parser and combine share (Q2), and canonical printing (Q3).
#include "compliance/requirement.hpp"

#include "util/bytes.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace compliance {

namespace {

using op = requirement::op;

std::uint32_t index_of(std::size_t i) { return static_cast<std::uint32_t>(i); }

using detail::ascii_lower;
using detail::join;

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

void sort_unique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// G3: the closest valid words; when none is close, the valid words themselves (a few).
std::vector<std::string> suggest(std::string_view word, const std::vector<std::string>& valid) {
  auto close = closest_words(word, valid, 3);
  if (!close.empty()) return close;
  return {valid.begin(), valid.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(valid.size(), 8))};
}

enum class tk { word, bar, amp, lparen, rparen, colon, lbracket, rbracket, comma, bad, end };

struct token {
  tk kind = tk::end;
  std::size_t pos = 0;
  std::size_t len = 0;
};

// Recursive descent over cli.md's grammar, recursing only through parentheses and never more
// than max_expression_depth of them. Builds the flat layout directly: each operand complete,
// then its parent (Q2).
class parser {
public:
  parser(std::string_view text, const catalog& frameworks) : text_(text), catalog_(frameworks) { advance(); }

  boost::system::result<requirement, expression_error> run() {
    if (!parse_chain(op::any_of, 0) || !at_end()) return std::move(error_);
    requirement r;
    for (auto& a : atoms_) r.add_atom(std::move(a));
    for (auto& n : nodes_) r.add_node(std::move(n));
    return r;
  }

private:
  std::string_view text(const token& t) const { return text_.substr(t.pos, t.len); }

  token lex() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
    token t{tk::end, at_, 0};
    if (at_ == text_.size()) return t;
    if (is_word_char(text_[at_])) {
      while (at_ < text_.size() && is_word_char(text_[at_])) ++at_;
      t.kind = tk::word;
      t.len = at_ - t.pos;
      return t;
    }
    static constexpr std::pair<char, tk> symbols[] = {{'|', tk::bar},      {'&', tk::amp},      {'(', tk::lparen},
                                                      {')', tk::rparen},   {':', tk::colon},    {'[', tk::lbracket},
                                                      {']', tk::rbracket}, {',', tk::comma}};
    t.kind = tk::bad;
    for (const auto& [c, kind] : symbols)
      if (text_[at_] == c) t.kind = kind;
    t.len = 1;
    ++at_;
    return t;
  }

  void advance() {
    prev_ = tok_;
    tok_ = lex();
  }

  std::string describe(const token& t) const {
    if (t.kind == tk::end) return "end of expression";
    const std::string_view s = text(t);
    if (t.kind == tk::bad && (s[0] < ' ' || s[0] > '~')) {
      static constexpr char hex[] = "0123456789ABCDEF";
      const auto b = static_cast<unsigned char>(s[0]);
      return std::string("byte 0x") + hex[b >> 4] + hex[b & 15];
    }
    return "'" + std::string(s.substr(0, 40)) + (s.size() > 40 ? "...'" : "'");
  }

  bool fail(errc code, const token& at, std::string message, std::vector<std::string> suggestions = {}) {
    error_ = expression_error{code, at.pos + 1, std::move(message), std::move(suggestions)};
    return false;
  }

  // G3: "expected <what> after '<previous token>' but found '<this token>'".
  bool expected(const std::string& what) {
    const std::string where = prev_.kind == tk::end ? "at the start" : "after " + describe(prev_);
    return fail(errc::expression_syntax, tok_, "expected " + what + " " + where + " but found " + describe(tok_));
  }

  // G3: whatever follows a complete expression is trailing garbage.
  bool at_end() {
    if (tok_.kind == tk::rparen) return fail(errc::expression_syntax, tok_, "unexpected ')' with no matching '('");
    return tok_.kind == tk::end || expected("'&', '|' or end of expression");
  }

  bool is_operator(op kind, const token& t) const {
    const bool any = kind == op::any_of;
    return t.kind == (any ? tk::bar : tk::amp) || (t.kind == tk::word && ascii_lower(text(t)) == (any ? "or" : "and"));
  }

  // expr := and_expr ('|' and_expr)* when kind is any_of; and_expr := primary ('&' primary)*.
  bool parse_chain(op kind, std::size_t depth) {
    const auto operand = [&] { return kind == op::any_of ? parse_chain(op::all_of, depth) : parse_primary(depth); };
    if (!operand()) return false;
    std::vector<std::uint32_t> children;
    while (is_operator(kind, tok_)) {
      if (children.empty()) take_operand(kind, children); // a parent exists only once an operator is seen
      advance();
      if (!operand()) return false;
      take_operand(kind, children);
    }
    if (!children.empty()) nodes_.push_back({kind, 0, std::move(children)});
    return true;
  }

  // Q2: an operand of the same operator (a parenthesised group) is flattened: its children join
  // ours and its node, the last one emitted, is dropped so no orphan remains.
  void take_operand(op kind, std::vector<std::uint32_t>& children) {
    if (nodes_.back().kind == kind) {
      const auto& grand = nodes_.back().children;
      children.insert(children.end(), grand.begin(), grand.end());
      nodes_.pop_back();
    } else {
      children.push_back(index_of(nodes_.size() - 1));
    }
  }

  bool parse_primary(std::size_t depth) {
    if (tok_.kind == tk::lparen) {
      if (depth == max_expression_depth)
        return fail(errc::too_complex, tok_,
                    "parentheses nested deeper than " + std::to_string(max_expression_depth) + " levels");
      const token open = tok_;
      advance();
      if (!parse_chain(op::any_of, depth + 1)) return false;
      if (tok_.kind != tk::rparen)
        return fail(errc::expression_syntax, tok_,
                    "expected ')' to close the '(' at column " + std::to_string(open.pos + 1) + " but found " +
                        describe(tok_));
      advance();
      return true;
    }
    if (tok_.kind == tk::word && !is_operator(op::any_of, tok_) && !is_operator(op::all_of, tok_))
      return parse_atom();
    return expected("a framework id or '('");
  }

  // atom := framework-id (':' qualifier)* ('[' criterion (',' criterion)* ']')?   (Q1)
  bool parse_atom() {
    const std::string id = ascii_lower(text(tok_));
    const framework_info* f = catalog_.find(id);
    if (f == nullptr) return fail(errc::unknown_word, tok_, "unknown framework '" + id + "'", catalog_.closest(id));
    atom a;
    a.framework = framework_id(id);
    advance();
    while (tok_.kind == tk::colon) {
      advance();
      if (tok_.kind != tk::word) return expected("a qualifier");
      if (!add_qualifier(*f, a)) return false;
      advance();
    }
    if (tok_.kind == tk::lbracket && !parse_criteria(*f, a)) return false;
    nodes_.push_back({op::atom, index_of(atoms_.size()), {}});
    atoms_.push_back(std::move(a));
    return true;
  }

  // Q1: a qualifier is, in this order, an edition, a report type, a variant or a program.
  bool add_qualifier(const framework_info& f, atom& a) {
    const std::string q = ascii_lower(text(tok_));
    if (f.find_edition(q) != nullptr) return set_once(a.edition, q, "edition", q, f);
    if (f.has_report_types())
      if (const auto t = enum_from_string<report_type>(q)) return set_once(a.type, *t, "report type", q, f);
    if (f.has_variant(q)) return set_once(a.variant, q, "variant", q, f);
    if (f.find_program(q) != nullptr) {
      a.programs.push_back(q); // repeats collapse (add_atom sorts and dedups)
      return true;
    }
    // G3: say which kinds of qualifier this framework has, and suggest from all of them.
    std::vector<std::string> kinds, valid;
    const auto offer = [&](const char* kind, std::vector<std::string> words) {
      if (words.empty()) return;
      kinds.emplace_back(kind);
      valid.insert(valid.end(), words.begin(), words.end());
    };
    std::vector<std::string> editions, programs;
    for (const auto& e : f.editions) editions.push_back(e.id);
    for (const auto& p : f.programs) programs.push_back(p.id);
    offer("an edition", editions);
    if (f.has_report_types()) offer("a report type", {"type1", "type2"});
    offer("a variant", f.variants);
    offer("a program", programs);
    if (valid.empty()) return fail(errc::unknown_word, tok_, f.id.str() + " takes no qualifiers");
    const std::string last = kinds.back();
    kinds.pop_back();
    const std::string what = kinds.empty() ? last : join(kinds, ", ") + " or " + last;
    return fail(errc::unknown_word, tok_, "'" + q + "' is not " + what + " of " + f.id.str(), suggest(q, valid));
  }

  template <class T>
  bool set_once(std::optional<T>& slot, T value, const char* what, const std::string& word, const framework_info& f) {
    if (slot)
      return fail(errc::expression_syntax, tok_,
                  "a second " + std::string(what) + " '" + word + "' for " + f.id.str() + "; only one is allowed");
    slot = std::move(value);
    return true;
  }

  bool parse_criteria(const framework_info& f, atom& a) {
    if (f.criteria.empty()) return fail(errc::unknown_word, tok_, f.id.str() + " takes no criteria");
    do {
      advance();
      if (tok_.kind != tk::word) return expected("a criterion");
      const std::string c = ascii_lower(text(tok_));
      if (!f.has_criterion(c))
        return fail(errc::unknown_word, tok_, "'" + c + "' is not a criterion of " + f.id.str(), suggest(c, f.criteria));
      a.criteria.push_back(c);
      advance();
    } while (tok_.kind == tk::comma);
    if (tok_.kind != tk::rbracket) return expected("',' or ']'");
    advance();
    return true;
  }

  std::string_view text_;
  const catalog& catalog_;
  std::size_t at_ = 0;
  token tok_, prev_; // prev_.kind == end: nothing consumed yet
  std::vector<requirement::node> nodes_;
  std::vector<atom> atoms_;
  expression_error error_;
};

} // namespace

requirement requirement::of(atom a) {
  requirement r;
  r.add_node({op::atom, r.add_atom(std::move(a)), {}});
  return r;
}

// Q2: the layout the parser gives `A op B` (each side parenthesised only where printing needs
// it): a's nodes, then b's (indices shifted), then the new root. A side whose root is the same
// operator is flattened: its root is left out and its children become the new root's.
requirement requirement::combine(op kind, const requirement& a, const requirement& b) {
  // An empty requirement is satisfied by nothing: the identity of `|`, the zero of `&`.
  if (a.empty() || b.empty()) return kind == op::any_of ? (a.empty() ? b : a) : requirement();
  requirement r;
  node root{kind, 0, {}};
  for (const requirement* side : {&a, &b}) {
    const auto node_base = index_of(r.nodes_.size());
    const auto atom_base = index_of(r.atoms_.size());
    r.atoms_.insert(r.atoms_.end(), side->atoms_.begin(), side->atoms_.end());
    const bool flatten = side->nodes_.back().kind == kind;
    const std::size_t copied = side->nodes_.size() - (flatten ? 1 : 0);
    for (std::size_t i = 0; i < copied; ++i) {
      node n = side->nodes_[i];
      if (n.kind == op::atom) n.atom_index += atom_base;
      for (auto& c : n.children) c += node_base;
      r.nodes_.push_back(std::move(n));
    }
    if (flatten)
      for (auto c : side->nodes_.back().children) root.children.push_back(c + node_base);
    else
      root.children.push_back(index_of(r.nodes_.size() - 1));
  }
  r.nodes_.push_back(std::move(root));
  return r;
}

std::uint32_t requirement::add_node(node n) {
  const bool valid = n.kind == op::atom
                         ? n.atom_index < atoms_.size() && n.children.empty()
                         : !n.children.empty() && std::all_of(n.children.begin(), n.children.end(),
                                                              [&](std::uint32_t c) { return c < nodes_.size(); });
  if (!valid)
    throw std::invalid_argument("requirement::add_node: an atom node needs an added atom and no children; an "
                                "all_of/any_of node needs children that were added before it");
  if (n.kind != op::atom) n.atom_index = 0;
  nodes_.push_back(std::move(n));
  return index_of(nodes_.size() - 1);
}

std::uint32_t requirement::add_atom(atom a) {
  sort_unique(a.programs);
  sort_unique(a.criteria);
  atoms_.push_back(std::move(a));
  return index_of(atoms_.size() - 1);
}

std::string expression_error::to_string() const {
  std::string out = "column " + std::to_string(column) + ": " + message;
  out += detail::did_you_mean(suggestions);
  return out;
}

expression_failure::expression_failure(expression_error e) : std::invalid_argument(e.to_string()), error_(std::move(e)) {}

void throw_exception_from_error(const expression_error& e, const boost::source_location&) {
  throw expression_failure(e);
}

boost::system::result<requirement, expression_error> try_parse_requirement(std::string_view text,
                                                                            const catalog& frameworks) {
  if (text.size() > max_expression_length)
    return expression_error{errc::too_complex, max_expression_length + 1,
                            "expression longer than " + std::to_string(max_expression_length) + " bytes", {}};
  return parser(text, frameworks).run();
}

requirement parse_requirement(std::string_view text, const catalog& frameworks) {
  return try_parse_requirement(text, frameworks).value();
}

std::string to_string(const atom& a) {
  std::string out = a.framework.str();
  if (a.edition) out += ":" + *a.edition;
  if (a.type) out += ":" + std::string(compliance::to_string(*a.type));
  if (a.variant) out += ":" + *a.variant;
  for (const auto& p : a.programs) out += ":" + p;
  if (!a.criteria.empty()) out += "[" + join(a.criteria, ",") + "]";
  return out;
}

// Q3: one string per node in storage order (children first), so printing is a loop however deep
// the nesting. A child's string is released after its last use to keep memory linear.
std::string to_string(const requirement& r) {
  if (r.empty()) return {};
  const auto& nodes = r.nodes();
  std::vector<std::size_t> uses(nodes.size());
  for (const auto& n : nodes)
    for (auto c : n.children) ++uses[c];
  std::vector<std::string> text(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const auto& n = nodes[i];
    if (n.kind == op::atom) {
      text[i] = to_string(r.atoms()[n.atom_index]);
      continue;
    }
    for (std::size_t k = 0; k < n.children.size(); ++k) {
      const auto c = n.children[k];
      if (k != 0) text[i] += n.kind == op::any_of ? " | " : " & ";
      // `&` binds tighter than `|`: only an any_of inside an all_of needs parentheses.
      const bool group = n.kind == op::all_of && nodes[c].kind == op::any_of;
      text[i] += group ? "(" + text[c] + ")" : text[c];
      if (--uses[c] == 0) std::string().swap(text[c]);
    }
  }
  return std::move(text.back());
}

} // namespace compliance
