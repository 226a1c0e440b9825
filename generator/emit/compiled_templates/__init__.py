"""Written by `python -m generator.emit.precompiled` from generator/emit/templates/;
do not edit. Each tmpl_<sha1 of the template name>.py is one compiled template."""

SOURCE_KEY = "55077721ee5e93b4f1ae853b4ee34c4c26a23083ffbd27ef0f1fe4327274192f"
