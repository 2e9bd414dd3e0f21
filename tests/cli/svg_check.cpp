// Checks a picture written by `compliance timeline`: well-formed XML whose root is <svg>, for the
// expected vendor, with exactly the expected lanes (data-lane attributes of the `lane` groups), a
// query-date line and a legend. Boost.PropertyTree's XML parser refuses malformed documents.
//
//   svg_check FILE.svg VENDOR LANE...
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include <algorithm>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace pt = boost::property_tree;

namespace {

/// Every element below `node`, depth first, with its attributes (`<xmlattr>`).
void walk(const pt::ptree& node, std::vector<const pt::ptree*>& out) {
  for (const auto& [name, child] : node) {
    if (name == "<xmlattr>" || name == "<xmlcomment>") continue;
    out.push_back(&child);
    walk(child, out);
  }
}

std::string attribute(const pt::ptree& element, const std::string& name) {
  return element.get<std::string>("<xmlattr>." + name, "");
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: svg_check FILE.svg VENDOR LANE...\n";
    return 2;
  }
  pt::ptree doc;
  try {
    pt::read_xml(argv[1], doc);
  } catch (const pt::xml_parser_error& e) {
    std::cerr << "not well-formed XML: " << e.what() << '\n';
    return 1;
  }
  int failures = 0;
  const auto fail = [&](const std::string& what) {
    std::cerr << "FAIL: " << what << '\n';
    ++failures;
  };

  const auto root = doc.get_child_optional("svg");
  if (!root || doc.size() != 1) {
    fail("the root element is not <svg>");
    return 1;
  }
  if (attribute(*root, "xmlns") != "http://www.w3.org/2000/svg") fail("the <svg> has no SVG namespace");
  if (attribute(*root, "data-vendor") != argv[2]) fail("data-vendor is '" + attribute(*root, "data-vendor") + "'");

  std::vector<const pt::ptree*> elements;
  walk(*root, elements);
  std::vector<std::string> lanes;
  std::set<std::string> classes;
  for (const auto* e : elements) {
    const std::string cls = attribute(*e, "class");
    classes.insert(cls);
    if (cls == "lane") lanes.push_back(attribute(*e, "data-lane"));
  }
  const std::vector<std::string> expected(argv + 3, argv + argc);
  if (lanes != expected) {
    std::string got;
    for (const auto& l : lanes) got += " " + l;
    fail("lanes are" + got);
  }
  for (const char* part : {"title", "axis", "query-date", "legend", "year"})
    if (classes.count(part) == 0) fail(std::string("no element of class '") + part + "'");

  if (failures == 0) std::cout << "PASS: " << argv[1] << ": <svg> for " << argv[2] << " with " << lanes.size() << " lanes\n";
  return failures == 0 ? 0 : 1;
}
