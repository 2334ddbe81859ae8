"""Small events for the report tests: three articles about one event, and a hostile article."""

from __future__ import annotations

THREE_ARTICLES = {
    "alpha.txt": (
        "Storm Floods Coastal Town\n"
        "Heavy rain flooded the coastal town of Marlow on Monday, forcing 2,000 residents to "
        "leave their homes.\n"
        'Mayor Jane Holt said: "We have never seen water this high."\n'
        "Emergency crews rescued 40 people from rooftops overnight.\n"
        "The national weather service warned that more rain could fall on Wednesday.\n"
        "Schools in the district will stay closed until Friday.\n"
    ),
    "beta.txt": (
        "Thousands Leave Marlow as Floodwaters Rise\n"
        "Floodwaters forced about 2,000 people in Marlow to leave their homes on Monday after "
        "heavy rain.\n"
        "Rescue teams pulled 40 residents from rooftops during the night.\n"
        '"The damage is terrible," said fire chief Tom Reyes.\n'
        "Insurers expect claims to exceed $5 million.\n"
        "Forecasters said more rain could arrive on Wednesday.\n"
    ),
    "gamma.txt": (
        "Marlow Flood Leaves Town Underwater\n"
        "Heavy rain flooded Marlow on Monday and 2,000 residents had to leave their homes.\n"
        "Mayor Jane Holt called the flood the worst in living memory.\n"
        "The army sent 200 soldiers to help with the clean-up.\n"
        "Schools across the district will remain closed until Friday.\n"
    ),
}

#: Script that would set ``window.__pwned`` if any of it ever ran.
PWN = "window.__pwned=1"

HOSTILE_ARTICLES = {
    "evil.txt": (
        f"Breaking <script>{PWN}</script> News\n"
        f'The mayor said "</script><script>{PWN}</script>" at the <img src=x onerror="{PWN}"> '
        "meeting on Monday, when 2,000 residents left their homes after heavy rain.\n"
        f"Click <a href=\"javascript:{PWN}\">here</a> or ' onmouseover='{PWN}' for $5 & 10% "
        "more, said John Smith.\n"
        f'An attribute breaker "><svg onload="{PWN}"> appears in the text.\n'
        "Rescue teams pulled 40 residents from rooftops during the night.\n"
    ),
    "plain.txt": (
        "Flood in Town\n"
        "Heavy rain forced 2,000 residents to leave their homes on Monday.\n"
        "Rescue teams pulled 40 residents from rooftops overnight.\n"
        'The mayor said: "We have never seen water this high."\n'
    ),
    "manifest.toml": (
        "[[articles]]\n"
        'id = "evil"\n'
        'file = "evil.txt"\n'
        f"outlet = \"<b onmouseover='{PWN}'>Evil</b>\"\n"
        f"title = '\"><script>{PWN}</script>'\n"
        f'url = "javascript:{PWN}"\n'
        f"author = \"</script><img src=x onerror='{PWN}'>\"\n"
        "\n"
        "[[articles]]\n"
        'id = "plain"\n'
        'file = "plain.txt"\n'
        'outlet = "Plain News"\n'
        'url = "https://example.org/plain"\n'
    ),
}
