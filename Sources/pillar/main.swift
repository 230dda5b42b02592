import PillarCommands

Pillar.runMain()
