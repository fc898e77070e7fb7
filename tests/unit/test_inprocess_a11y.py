"""Roles and accessible names from HTML (``walkthrough.checker.a11y``), and the events the
page script would send (``walkthrough.checker.dom``), on small pieces of markup."""

from __future__ import annotations

import pytest

from walkthrough.checker.a11y import Tree
from walkthrough.checker.dom import Live, change_event, click_event, fields_of, input_event


def one(html: str, role: str) -> str:
    tree = Tree(html)
    (node,) = tree.find(role)
    return tree.name(node)


@pytest.mark.parametrize(
    ("html", "role", "name"),
    [
        ('<a href="#">Your <b>products</b></a>', "link", "Your products"),
        ("<a>no href</a>", "link", None),
        ('<button><svg aria-hidden="true"><path/></svg> Filter</button>', "button", "Filter"),
        ('<button aria-label="More actions"><span>⋯</span></button>', "button", "More actions"),
        (
            '<span id="t">Reason for canceling</span><div role="radiogroup" aria-labelledby="t">'
            '<label><input type="radio" value="a"> Too expensive</label></div>',
            "radiogroup",
            "Reason for canceling",
        ),
        (
            '<label><input type="radio" value="a" data-field="r"> Too expensive</label>',
            "radio",
            "Too expensive",
        ),
        ('<label for="n">Card number</label><input id="n" type="text">', "textbox", "Card number"),
        (
            '<label for="t">Total licenses</label><input id="t" role="spinbutton">',
            "spinbutton",
            "Total licenses",
        ),
        (
            '<label for="s">Invoice period</label><select id="s"><option>Past 3 months</option>'
            "</select>",
            "combobox",
            "Invoice period",
        ),
        ("<select><option value='x'>Past 6 months</option></select>", "option", "Past 6 months"),
        ('<input type="checkbox" aria-label="Elena Skov">', "checkbox", "Elena Skov"),
        ('<input type="number" title="Count">', "spinbutton", "Count"),
        ('<input placeholder="MM/YY">', "textbox", "MM/YY"),
        ("<h4>Payment method</h4>", "heading", "Payment method"),
        (
            '<section aria-labelledby="h"><h3 id="h">Power BI Pro</h3></section>',
            "region",
            "Power BI Pro",
        ),
        (
            '<div role="dialog" aria-labelledby="p"><h3 id="p">Buy licenses</h3></div>',
            "dialog",
            "Buy licenses",
        ),
        ('<button role="tab">Invoices</button>', "tab", "Invoices"),
        (
            '<button role="option" aria-label="Jonas Berg">Jonas <span>j@x</span></button>',
            "option",
            "Jonas Berg",
        ),
    ],
)
def test_role_and_name(html: str, role: str, name: str | None) -> None:
    tree = Tree(html)
    found = tree.find(role)
    if name is None:
        assert found == []
    else:
        assert [tree.name(n) for n in found] == [name]


def test_hidden_inert_and_aria_hidden_are_not_found() -> None:
    tree = Tree(
        '<main inert><button>Save</button></main><ul hidden><li><a href="#">Licenses</a></li></ul>'
        '<div aria-hidden="true"><button>Close</button></div><button>Add</button>'
    )
    assert [tree.name(n) for n in tree.find("button")] == ["Add"]
    assert tree.find("link", "Licenses") == []


def test_names_are_exact_and_whitespace_normalised() -> None:
    tree = Tree("<button>  Bills &amp;\n payments </button>")
    assert tree.find("button", "Bills & payments")
    assert not tree.find("button", "bills & payments")
    assert not tree.find("button", "Bills")


def test_find_within_a_node_of_the_same_screen_drawn_again() -> None:
    html = '<table><tr data-subscription="a"><td><button aria-label="More actions">⋯</button>'
    html += '</td></tr><tr data-subscription="b"><td><button aria-label="More actions">⋯</button>'
    html += "</td></tr></table>"
    first, again = Tree(html), Tree(html)
    row = next(n for n in first.nodes if n.attrs.get("data-subscription") == "b")
    assert len(again.find("button", "More actions")) == 2
    assert len(again.find("button", "More actions", within=row)) == 1


def test_describe_lists_what_a_person_can_use() -> None:
    tree = Tree(
        '<h2>Your products</h2><button>Filter</button><div role="dialog" aria-label="Pane">'
        "<button>Save</button></div>"
    )
    assert tree.describe() == "the pane 'Pane' with button 'Save'"
    assert Tree("<h2>Licenses</h2><button>Assign</button>").describe() == (
        "'Licenses' with button 'Assign'"
    )


# -- events, as walkthrough/assets/simulator.js builds them ---------------------------------

FORM = """
<div data-screen="licenses">
  <button data-action="assign" data-pane="x" data-sub-id="s1"><span>Assign</span></button>
  <input type="text" data-field="find" data-input-action="find-person" value="jo">
  <select data-field="period" data-change-action="invoice-period" data-which="period">
    <option value="past_3_months">3</option><option value="past_6_months" selected>6</option>
  </select>
  <input type="checkbox" data-field="selected" value="a" checked>
  <input type="checkbox" data-field="selected" value="b">
  <input type="checkbox" data-field="agree">
  <label><input type="radio" name="r" data-field="reason" value="one"> One</label>
  <label><input type="radio" name="r" data-field="reason" value="two" checked> Two</label>
  <textarea data-field="feedback">Too dear</textarea>
</div>
"""


def test_fields_are_what_fields_of_sends() -> None:
    tree = Tree(FORM)
    assert fields_of(tree, Live()) == {
        "find": "jo",
        "period": "past_6_months",
        "selected": ["a"],
        "reason": "two",
        "feedback": "Too dear",
    }


def test_what_the_person_changed_since_the_screen_was_drawn() -> None:
    tree, live = Tree(FORM), Live()
    boxes = tree.find("checkbox")
    live.set_checked(tree, boxes[1], True)
    live.set_checked(tree, boxes[2], True)
    (one_radio, _) = tree.find("radio")
    live.set_checked(tree, one_radio, True)
    live.values[id(tree.find("textbox")[0])] = "jonas"
    fields = fields_of(tree, live)
    assert fields["selected"] == ["a", "b"] and fields["agree"] == "on"
    assert fields["reason"] == "one" and fields["find"] == "jonas"
    live.clear()  # the next answer redraws the portal
    assert fields_of(tree, live)["reason"] == "two"


def test_click_input_and_change_events() -> None:
    tree, live = Tree(FORM), Live()
    (span,) = [n for n in tree.nodes if n.tag == "span"]
    click = click_event(tree, live, span)  # a click inside the button is the button's
    assert click is not None and (click.type, click.action) == ("click", "assign")
    assert click.data == {"pane": "x", "sub-id": "s1"}
    box = tree.find("textbox")[0]  # the search box (the textarea is a textbox too)
    typed = input_event(tree, live, box)
    assert typed is not None and (typed.action, typed.data) == ("find-person", {})
    (select,) = tree.find("combobox")
    changed = change_event(tree, live, select)
    assert changed is not None and changed.data == {"which": "period"}
    assert click_event(tree, live, tree.find("checkbox")[0]) is None
