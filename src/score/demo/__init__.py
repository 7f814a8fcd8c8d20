"""The demo programme that `score demo` loads: SCORE China Phase I and its partnerships.

``data.py`` holds the rows; ``loader.load_demo`` creates them through the apps' actions."""
