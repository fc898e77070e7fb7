"""The docs side of ssp-kit: Learn Markdown, the site build, and the step checker."""
