# Sentry's ownership grammar, as given in shared/reference/sentry-api.md §6, run by parsimonious:
# the oracle our Swift parser is compared with.
import json, sys
from parsimonious.grammar import Grammar
from parsimonious.exceptions import ParseError

GRAMMAR = Grammar(r"""
ownership = line*
line = _ (comment / rule / empty) newline?
rule = _ matcher owners
matcher      = _ matcher_tag any_identifier
matcher_tag  = (matcher_type sep)?
matcher_type = "url" / "path" / "module" / "codeowners" / event_tag
event_tag   = ~r"tags.[^:]+"
owners       = _ owner*
owner        = _ team_prefix identifier
team_prefix  = "#"?
comment = ~r"#[^\r\n]*"
any_identifier = quoted_identifier / identifier
identifier = ~r"\S+"
quoted_identifier = ~r'"([^"\\]*(?:\\.[^"\\]*)*)"'
sep = ":"
space = " "
empty = ""
newline = ~r"[\r\n]"
_ = space*
""")

def walk(node, name):
    if node.expr_name == name:
        yield node
        return
    for child in node.children:
        yield from walk(child, name)

def analyse(text):
    try:
        tree = GRAMMAR.parse(text)
    except ParseError:
        return {"ok": False}
    rules = []
    for rule in walk(tree, "rule"):
        matcher = next(walk(rule, "matcher"))
        tag = next(walk(matcher, "matcher_tag"))
        ident = next(walk(matcher, "any_identifier"))
        owners = []
        for owner in walk(next(walk(rule, "owners")), "owner"):
            prefix = next(walk(owner, "team_prefix"))
            identifier = next(walk(owner, "identifier"))
            owners.append([prefix.start, identifier.end, prefix.end > prefix.start])
        mtype = tag.text[:-1] if tag.text else "path"
        rules.append({"type": mtype, "pattern": [ident.start, ident.end], "owners": owners})
    return {"ok": True, "rules": rules}

if __name__ == "__main__":
    docs = json.load(sys.stdin)
    json.dump([analyse(d) for d in docs], sys.stdout)
