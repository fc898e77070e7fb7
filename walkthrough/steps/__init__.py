"""The static half of the step checker: from an article's text to judged steps.

    source       lines (CRLF), front matter, locale         zones       moniker zones
    inline       bold, links, ``>``, bilingual spans         extract     procedures, steps
    grammar      locales/<lang>/grammar.yml                  annotations <!-- ssp: ... -->
    vocabulary   labels from simulator.controls + catalog    verdicts    findings + intent
    codes        finding codes (CODES.md)                    intent      driver-ready actions
    tokens       a step's words, punctuation and ``>``       work        a step being judged
    path_rules   the table of rules for ``A > B``            span_rules  the table for bold spans
    suggestions  from the words written to the labels meant
    procedures   anchors -> procedures.yml ids, postconditions
    report       text / JSON / JUnit

The runner that executes intents through a driver is ``walkthrough.checker``.
"""
