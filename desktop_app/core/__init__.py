"""The engine: import → features → training → metrics → export → prediction. Never imports Qt."""
