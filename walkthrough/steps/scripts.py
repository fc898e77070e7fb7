"""The writing systems the step rules treat apart, as regular-expression character ranges.

A module of its own, importing nothing, because the build backend compiles the step
grammars (``walkthrough.bundle.package_data``) in an environment that has only the build
requirements: the grammar may not pull in the Markdown extension through ``tokens``.
"""

#: Han, kana (full and half width) and CJK punctuation: text written without spaces.
CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f"
