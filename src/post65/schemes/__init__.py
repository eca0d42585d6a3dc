"""The schemes of kap. 553 post 65 and their rules, one module per scheme."""
