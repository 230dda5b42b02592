import PillarCommands

Pillar.main()
